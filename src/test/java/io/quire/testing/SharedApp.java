package io.quire.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One app for a whole test class: started before its first test on a fresh database, closed after its last, with
 * an API client and the fixture builders. The fields are static because JUnit's class hooks are; test classes
 * run one at a time (no parallel execution is configured), so each class sees its own app.
 */
public abstract class SharedApp {
    protected static TestApp app;
    protected static Api api;
    protected static Authoring fixtures;

    @BeforeAll
    static void startSharedApp() {
        app = TestApp.start();
        api = new Api(app);
        fixtures = Authoring.in(app);
    }

    @AfterAll
    static void stopSharedApp() throws Exception {
        app.close();
    }
}
