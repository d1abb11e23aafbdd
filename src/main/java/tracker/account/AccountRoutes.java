package tracker.account;

import io.javalin.config.JavalinConfig;

/** GET /api/account: balance, quotas, and the low-balance warning (behind the API token like the rest of /api). */
public final class AccountRoutes {
    private AccountRoutes() {}

    public static void register(JavalinConfig config, Account account) {
        config.routes.get("/api/account", ctx -> ctx.json(account.now()));
    }
}
