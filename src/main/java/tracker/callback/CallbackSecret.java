package tracker.callback;

import java.security.SecureRandom;
import java.util.HexFormat;
import tracker.db.SettingDao;
import tracker.db.Writer;

/** CALLBACK_SECRET, or one generated on first start and kept in the database so callback URLs survive restarts. */
public final class CallbackSecret {
    private static final String NAME = "callback_secret";

    private CallbackSecret() {}

    public static String resolve(String configured, Writer writer) {
        if (configured != null) return configured;
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        String candidate = HexFormat.of().formatHex(fresh);
        return writer.write(tx -> {
            SettingDao settings = tx.dao(SettingDao.class);
            settings.putIfAbsent(NAME, candidate);
            return settings.value(NAME).orElseThrow();
        });
    }
}
