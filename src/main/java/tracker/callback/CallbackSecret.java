package tracker.callback;

import java.security.SecureRandom;
import java.util.HexFormat;
import tracker.db.Writer;

/** CALLBACK_SECRET, or one generated on first start and kept in the database so callback URLs survive restarts. */
public final class CallbackSecret {
    private CallbackSecret() {}

    public static String resolve(String configured, Writer writer) {
        if (configured != null) return configured;
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        String candidate = HexFormat.of().formatHex(fresh);
        return writer.write(tx -> {
            var h = tx.handle();
            h.createUpdate("INSERT INTO setting (name, value) VALUES ('callback_secret', :v) ON CONFLICT (name) DO NOTHING")
                    .bind("v", candidate).execute();
            return h.createQuery("SELECT value FROM setting WHERE name = 'callback_secret'").mapTo(String.class).one();
        });
    }
}
