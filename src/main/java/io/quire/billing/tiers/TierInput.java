package io.quire.billing.tiers;

import io.quire.platform.http.RequestBody;
import io.vertx.core.json.JsonObject;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A tier as sent, checked field by field. Prices are integers in the currency's minor units (paise, cents); an
 * annual cycle needs an annual price. On a PATCH, absent fields keep the tier's values ({@link #over}).
 */
record TierInput(
        String name,
        String description,
        Long monthlyPrice,
        Long annualPrice,
        String currency,
        List<String> billingCycles,
        List<String> benefits,
        Integer earlyAccessDays,
        String badgeText,
        String badgeColor,
        Boolean isHighlighted,
        String highlightText,
        Boolean isPublic,
        Integer maxSubscribers,
        boolean maxSubscribersSet,
        Integer trialDays) {
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    static final List<String> CYCLES = List.of("MONTHLY", "ANNUAL");

    static TierInput read(RequestBody body, boolean creating) {
        String name = creating ? body.requiredString("name", 1, 50) : body.optionalString("name", 1, 50);
        String description = body.optionalString("description", 0, 2000);
        Long monthly = price(body, "monthlyPrice", creating);
        Long annual = price(body, "annualPrice", false);
        String currency = body.optionalString("currency", 3, 3);
        if (currency != null) {
            currency = currency.toUpperCase(Locale.ROOT);
            try {
                Currency.getInstance(currency);
            } catch (IllegalArgumentException e) {
                body.error("currency", "must be an ISO 4217 code such as INR, USD or IDR");
            }
        } else if (creating) {
            body.error("currency", "is required");
        }
        List<String> cycles = body.optionalStrings("billingCycles", 2, 10);
        if (cycles != null && (cycles.isEmpty() || !CYCLES.containsAll(cycles))) {
            body.error("billingCycles", "must be MONTHLY and/or ANNUAL");
        }
        List<String> benefits = body.optionalStrings("benefits", 20, 200);
        Integer early = body.optionalInteger("earlyAccessDays", 0, 365);
        String badge = body.optionalString("badgeText", 1, 20);
        String color = body.optionalString("badgeColor", 7, 7);
        if (color != null && !COLOR.matcher(color).matches()) {
            body.error("badgeColor", "must be a colour such as #7F3FBF");
        }
        Boolean highlighted = body.optionalBoolean("isHighlighted");
        String highlight = body.optionalString("highlightText", 1, 30);
        Boolean isPublic = body.optionalBoolean("isPublic");
        Integer max = body.optionalInteger("maxSubscribers", 1, 10_000_000);
        // free days before the first charge, for readers new to the site
        Integer trial = body.optionalInteger("trialDays", 0, 90);
        return new TierInput(
                name,
                description,
                monthly,
                annual,
                currency,
                cycles,
                benefits,
                early,
                badge,
                color,
                highlighted,
                highlight,
                isPublic,
                max,
                body.has("maxSubscribers"),
                trial);
    }

    private static Long price(RequestBody body, String field, boolean required) {
        Integer small = body.optionalInteger(field, 0, Integer.MAX_VALUE);
        if (small == null && required && !body.has(field)) {
            body.error(field, "is required (an integer in the currency's minor units)");
        }
        return small == null ? null : small.longValue();
    }

    /** This input over an existing tier's JSON: the full set of values to store. */
    TierInput over(JsonObject current) {
        return new TierInput(
                name != null ? name : current.getString("name"),
                description != null ? description : current.getString("description"),
                monthlyPrice != null ? monthlyPrice : current.getLong("monthlyPrice"),
                annualPrice != null ? annualPrice : current.getLong("annualPrice"),
                currency != null ? currency : current.getString("currency"),
                billingCycles != null
                        ? billingCycles
                        : current.getJsonArray("billingCycles").getList(),
                benefits != null ? benefits : current.getJsonArray("benefits").getList(),
                earlyAccessDays != null ? earlyAccessDays : current.getInteger("earlyAccessDays"),
                badgeText != null ? badgeText : current.getString("badgeText"),
                badgeColor != null ? badgeColor : current.getString("badgeColor"),
                isHighlighted != null ? isHighlighted : current.getBoolean("isHighlighted"),
                highlightText != null ? highlightText : current.getString("highlightText"),
                isPublic != null ? isPublic : current.getBoolean("isPublic"),
                maxSubscribersSet ? maxSubscribers : current.getInteger("maxSubscribers"),
                true,
                trialDays != null ? trialDays : current.getInteger("trialDays", 0));
    }

    /** The cross-field rule: an annual cycle needs an annual price. */
    String problem() {
        List<String> cycles = billingCycles == null ? List.of("MONTHLY") : billingCycles;
        return cycles.contains("ANNUAL") && annualPrice == null ? "an ANNUAL billing cycle needs an annualPrice" : null;
    }
}
