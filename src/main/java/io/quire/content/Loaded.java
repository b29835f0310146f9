package io.quire.content;

import io.quire.platform.auth.Principal;
import io.quire.platform.http.ApiException;
import io.quire.sites.Membership;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

/** A row loaded together with the caller's membership of its site (see the {@code FIND_WITH_ROLE} queries). */
record Loaded(Row row, Membership membership) {

    /**
     * The membership a {@code FIND_WITH_ROLE} row grants, or 404 {@code notFoundCode} when there is no row, the
     * row or its site is deleted (unless {@code allowDeleted}), or the caller is nobody to the site.
     */
    static Loaded of(RowSet<Row> rows, Principal p, String notFoundCode, boolean allowDeleted) {
        if (rows.size() == 0) {
            throw new ApiException.NotFound(notFoundCode, "Not found.");
        }
        Row row = rows.iterator().next();
        if (row.getValue("site_deleted_at") != null || (!allowDeleted && row.getValue("deleted_at") != null)) {
            throw new ApiException.NotFound(notFoundCode, "Not found.");
        }
        Membership m = Membership.resolve(
                row.getUUID("site_id"),
                row.getUUID("site_owner_id"),
                row.getString("collaborator_role"),
                row.getJsonObject("collaborator_permissions"),
                p,
                notFoundCode);
        return new Loaded(row, m);
    }
}
