package tracker;

import tracker.web.ErrorMapping;
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
import org.eclipse.jetty.server.handler.GracefulHandler;
import tracker.sending.Cancellation;
import tracker.ledger.Events;
import tracker.journeys.JourneyRoutes;
import tracker.sending.JourneyService;
import tracker.sending.RetryLoop;
import tracker.web.Auth;
import tracker.esms.EsmsState;
import tracker.ops.Health;
import tracker.ops.Metrics;
import tracker.web.PathGuard;
import tracker.ops.Retention;
import tracker.web.WholeBodyFirst;
import tracker.reconcile.ReconcileLoop;
import tracker.reconcile.ReconcileRoutes;
import tracker.reconcile.Reconciler;
import tracker.ops.Warnings;

/** Wires the service by hand: {@link #create} builds everything and returns an unstarted Javalin. */
public final class App {
    private static final Logger log = LoggerFactory.getLogger(App.class);
    static final int MAX_BODY = 64 * 1024;
    /** How long a stop waits for requests in flight; eSMS's own callback timeout is shorter. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("SIGTERM: stopping (finishing requests in flight, then the background loops and the database)");
            app.stop();
            log.info("stopped");
        }, "shutdown"));
        app.start(config.port());
    }

    public static Javalin create(Config config) {
        ObjectMapper json = json();
        Metrics metrics = new Metrics();
        EsmsState esmsState = new EsmsState();
        Database db = Database.open(config.databaseUrl());
        db.writer().observe(metrics::writeBatch);
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(10)).callTimeout(Duration.ofSeconds(15)).build();
        CallbackTokens tokens = new CallbackTokens(CallbackSecret.resolve(config.callbackSecret(), db.writer()),
                config.callbackSecretPrevious());
        EsmsEndpoint esms = EsmsEndpoint.start(config);
        EsmsClient client = new EsmsClient(http, json, esms.baseUrl(), esms.statusBaseUrl(), esms.apiKey(), esms.secretKey(),
                (call, code) -> {
                    metrics.esmsAnswer(call, code);
                    esmsState.answered(call, code);
                });
        AtomicReference<Javalin> self = new AtomicReference<>();
        String publicUrl = config.publicUrl();
        Dashboard dashboard = new Dashboard(config, db.reads(), esms.simulated());
        Events events = dashboard.events();
        JourneyService journeys = new JourneyService(db.writer(), client,
                id -> (publicUrl != null ? publicUrl : "http://localhost:" + self.get().port())
                        + "/callbacks/" + id + "/" + tokens.token(id),
                config.clock(), esms.simulated(), json, events, metrics);
        CallbackService callbacks = new CallbackService(db.writer(), tokens, config.clock(), json, events, esms.simulated(), metrics);
        Cancellation cancellation = new Cancellation(db.writer(), config.clock(), json, events, metrics);
        RetryLoop retries = new RetryLoop(journeys, cancellation, config.retryTick(), metrics);
        Reconciler reconciler = new Reconciler(db.writer(), client, config.clock(), config.reconcileAfter(), json, events,
                metrics, esms.simulated());
        Retention retention = new Retention(db.writer(), config.clock(), config.retentionDays(), metrics);
        ReconcileLoop reconcileLoop = new ReconcileLoop(reconciler, config.clock(), config.retryTick(), retention::runIfDue);
        metrics.gauge("tracker.retry.queue.depth", "messages QUEUED for a (re)send to eSMS", () -> db.reads().withHandle(h ->
                h.createQuery("SELECT COUNT(*) FROM message WHERE status = 'QUEUED'").mapTo(Long.class).one()));

        Javalin app = Javalin.create(c -> {
            c.jsonMapper(new JavalinJackson(json, false));
            c.http.maxRequestSize = MAX_BODY;
            c.startup.showJavalinBanner = false;
            c.jetty.modifyServer(server -> {
                // bodies are collected without a thread (slowloris); inserted first, so it sits inside the graceful stop
                server.insertHandler(new WholeBodyFirst(MAX_BODY));
                // graceful stop: new requests get 503, requests in flight (callbacks awaiting their commit) finish
                server.insertHandler(new GracefulHandler());
                server.setStopTimeout(STOP_TIMEOUT.toMillis());
            });
            c.requestLogger.http((ctx, ms) -> metrics.http(ctx.method().name(), route(ctx), ctx.statusCode(), ms));
            ErrorMapping.register(c);
            PathGuard.register(c);
            Auth.register(c, config.apiToken(), dashboard::signedIn);
            c.routes.get("/health/live", ctx -> ctx.json(Map.of("status", "live")));
            c.routes.get("/health", ctx -> Health.ready(ctx, db, esmsState));
            c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            JourneyRoutes.register(c, journeys, cancellation, db.reads(), json, defaultOaId(config, esms));
            ReconcileRoutes.register(c, reconciler, db.reads(), json, config.clock());
            CallbackRoutes.register(c, callbacks, json, metrics);
            dashboard.register(c, json);
            c.events.serverStarted(() -> {
                retries.start();
                reconcileLoop.start();
                Warnings.atStart(config, esms, self.get().port());
            });
            c.events.serverStopping(() -> {
                reconcileLoop.close();
                retries.close();
            });
            c.events.serverStopped(() -> {
                esms.close();
                db.close(); // the writer drains its queue before the connection closes
                metrics.close();
                http.dispatcher().executorService().shutdown();
                http.connectionPool().evictAll();
            });
        });
        self.set(app);
        return app;
    }

    /** The route template (never the raw path, which holds ids and callback tokens), for HTTP metrics. */
    private static String route(io.javalin.http.Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException noEndpoint) {
            return "unmatched";
        }
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
