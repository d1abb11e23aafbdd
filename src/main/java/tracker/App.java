package tracker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tracker.callback.CallbackRoutes;
import tracker.callback.CallbackSecret;
import tracker.callback.CallbackService;
import tracker.callback.CallbackTokens;
import tracker.dashboard.Dashboard;
import tracker.db.Database;
import tracker.esms.EsmsClient;
import tracker.esms.EsmsEndpoint;
import tracker.journey.Events;
import tracker.journey.JourneyRoutes;
import tracker.journey.JourneyService;
import tracker.journey.RetryLoop;
import tracker.ops.Auth;
import tracker.ops.Health;
import tracker.ops.Warnings;

/** Wires the service by hand: {@link #create} builds everything and returns an unstarted Javalin. */
public final class App {
    private static final Logger log = LoggerFactory.getLogger(App.class);
    static final int MAX_BODY = 64 * 1024;

    private App() {}

    public static void main(String[] args) {
        Config config;
        try {
            config = Config.fromEnv();
        } catch (Config.Invalid e) {
            System.err.println("configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Javalin app = create(config);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "shutdown"));
        app.start(config.port());
    }

    public static Javalin create(Config config) {
        ObjectMapper json = json();
        Database db = Database.open(config.databaseUrl());
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(10)).callTimeout(Duration.ofSeconds(15)).build();
        CallbackTokens tokens = new CallbackTokens(CallbackSecret.resolve(config.callbackSecret(), db.writer()),
                config.callbackSecretPrevious());
        EsmsEndpoint esms = EsmsEndpoint.start(config);
        EsmsClient client = new EsmsClient(http, json, esms.baseUrl(), esms.apiKey(), esms.secretKey());
        AtomicReference<Javalin> self = new AtomicReference<>();
        String publicUrl = config.publicUrl();
        Dashboard dashboard = new Dashboard(config, db.reads(), esms.simulated());
        Events events = dashboard.events();
        JourneyService journeys = new JourneyService(db.writer(), client,
                id -> (publicUrl != null ? publicUrl : "http://localhost:" + self.get().port())
                        + "/callbacks/" + id + "/" + tokens.token(id),
                config.clock(), esms.simulated(), json, events);
        CallbackService callbacks = new CallbackService(db.writer(), tokens, config.clock(), json, events, esms.simulated());
        RetryLoop retries = new RetryLoop(journeys, config.retryTick());

        Javalin app = Javalin.create(c -> {
            c.jsonMapper(new JavalinJackson(json, false));
            c.http.maxRequestSize = MAX_BODY;
            c.startup.showJavalinBanner = false;
            ErrorMapping.register(c);
            Auth.register(c, config.apiToken(), dashboard::signedIn);
            c.routes.get("/health/live", ctx -> ctx.json(Map.of("status", "live")));
            c.routes.get("/health", ctx -> Health.ready(ctx, db));
            JourneyRoutes.register(c, journeys, db.reads(), json, defaultOaId(config, esms));
            CallbackRoutes.register(c, callbacks, json);
            dashboard.register(c, json);
            c.events.serverStarted(() -> {
                retries.start();
                Warnings.atStart(config, esms, self.get().port());
            });
            c.events.serverStopping(retries::close);
            c.events.serverStopped(() -> {
                esms.close();
                db.close();
                http.dispatcher().executorService().shutdown();
                http.connectionPool().evictAll();
            });
        });
        self.set(app);
        return app;
    }

    /** ESMS_OAID; with the simulator and none set, a stand-in OA so the quickstart needs no account. */
    private static String defaultOaId(Config config, EsmsEndpoint esms) {
        if (config.esmsOaid() != null || !esms.simulated()) return config.esmsOaid();
        return EsmsEndpoint.SIMULATED_OAID;
    }

    static ObjectMapper json() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32)
                        .maxStringLength(MAX_BODY).maxNumberLength(32).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
