package tracker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tracker.account.Account;
import tracker.account.AccountRoutes;
import tracker.account.Alerts;
import tracker.account.Maps;
import tracker.callback.CallbackRoutes;
import tracker.callback.CallbackSecret;
import tracker.callback.CallbackService;
import tracker.callback.CallbackTokens;
import tracker.callback.CallbackUrls;
import tracker.dashboard.Dashboard;
import tracker.dashboard.LiveBus;
import tracker.db.Database;
import tracker.db.Leases;
import tracker.db.Notices;
import tracker.docs.ApiDocs;
import tracker.esms.EsmsClient;
import tracker.esms.EsmsEndpoint;
import tracker.esms.EsmsState;
import tracker.journeys.JourneyRoutes;
import tracker.ledger.LedgerDao;
import tracker.ledger.Recorder;
import tracker.ledger.Status;
import tracker.ops.Health;
import tracker.ops.LogSetup;
import tracker.ops.Metrics;
import tracker.ops.Retention;
import tracker.ops.Warnings;
import tracker.reconcile.PhoneChecks;
import tracker.reconcile.ReconcileLoop;
import tracker.reconcile.ReconcileRoutes;
import tracker.reconcile.Reconciler;
import tracker.sending.AccountPause;
import tracker.sending.Cancellation;
import tracker.sending.Resends;
import tracker.sending.RetryLoop;
import tracker.sending.SendRoutes;
import tracker.sending.Sender;
import tracker.simulator.EsmsSimulator;
import tracker.simulator.SimulatorSettings;
import tracker.web.Auth;
import tracker.web.ClientAddress;
import tracker.web.Edge;
import tracker.webhooks.WebhookRoutes;
import tracker.webhooks.Webhooks;

/** Wires the service by hand: {@link #create} builds everything and returns an unstarted Javalin. */
public final class App {
    private static final Logger log = LoggerFactory.getLogger(App.class);
    /** Calls to eSMS in flight at once: 1,000 sends/s at 150 ms each keep about 150 open. */
    private static final int ESMS_CONCURRENT_CALLS = 256;

    private App() {}

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        Config config;
        try {
            config = Config.fromEnv();
        } catch (Config.Invalid e) {
            System.err.println("configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        LogSetup.use(config.logFormat());
        long t1 = System.nanoTime();
        Javalin app = create(config);
        long t2 = System.nanoTime();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("SIGTERM: stopping (finishing requests in flight, then the background loops and the database)");
            app.stop();
            log.info("stopped");
        }, "shutdown"));
        app.start(config.port());
        // where a start's time goes (JVM itself, wiring incl. the database, Jetty), for the cold-start budget
        log.info("started in {} ms after JVM launch: JVM + config + logging {} ms, wiring (database included) {} ms, Jetty {} ms",
                ManagementFactory.getRuntimeMXBean().getUptime(), ManagementFactory.getRuntimeMXBean().getUptime()
                        - (System.nanoTime() - t0) / 1_000_000 + (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                (System.nanoTime() - t2) / 1_000_000);
    }

    public static Javalin create(Config config) {
        // shared pieces first: the features below only receive them. The HTTP client (it loads the TLS trust store),
        // the JVM meters and Jackson need nothing else: they are built on the second core while the database opens
        CompletableFuture<OkHttpClient> httpSoon = CompletableFuture.supplyAsync(App::http, App::startupThread);
        CompletableFuture<Metrics> metricsSoon = CompletableFuture.supplyAsync(Metrics::new, App::startupThread);
        CompletableFuture<ObjectMapper> jsonSoon = CompletableFuture.supplyAsync(App::json, App::startupThread);
        EsmsState esmsState = new EsmsState();
        Database db;
        try {
            db = Database.open(config.databaseUrl());
        } catch (RuntimeException e) {
            metricsSoon.thenAccept(Metrics::close);
            throw e;
        }
        ObjectMapper json = join(jsonSoon);
        Metrics metrics = join(metricsSoon);
        db.writer().observe(metrics::writeBatch);
        OkHttpClient http = join(httpSoon);
        CallbackTokens tokens = new CallbackTokens(CallbackSecret.resolve(config.callbackSecret(), db.writer()),
                config.callbackSecretPrevious());
        CallbackUrls urls = new CallbackUrls(tokens, config.publicUrl());
        EsmsEndpoint esms = esms(config);
        EsmsClient client = new EsmsClient(http, json, esms.baseUrl(), esms.statusBaseUrl(), esms.apiKey(), esms.secretKey(),
                (call, code) -> {
                    metrics.esmsAnswer(call, code);
                    esmsState.answered(call, code);
                });
        Notices notices = Notices.open(db); // on a shared database: what the other instances must hear of, and hear
        Leases leases = new Leases(db); // which instance runs a job that must run on one at a time
        LiveBus live = new LiveBus(15, notices);
        Alerts alerts = new Alerts(db.writer(), db.reads(), notices);
        // with the simulator on, nothing real is at stake: a receiver on this machine over plain http is fine
        Webhooks webhooks = new Webhooks(db.writer(), db.reads(), config.clock(), json,
                config.webhookAllowPrivate() || esms.simulated(), config.retryTick(), config.webhookRetryDelays(), notices,
                leases);
        alerts.watch(webhooks.outbox());
        // the outbox: told in each change's transaction; as a tally, after the commit, it wakes the senders
        Recorder recorder = new Recorder(db.writer(), live, webhooks.outbox(), List.of(metrics, alerts, webhooks.outbox()));

        // the features, each around the recorder
        AccountPause pause = new AccountPause(db.writer(), db.reads(), recorder, client, config.clock(), json, config.holdMax());
        Sender sender = new Sender(recorder, db.writer(), client, urls::url, config.clock(), esms.simulated(), json, pause);
        Cancellation cancellation = new Cancellation(recorder, config.clock(), json);
        Resends resends = new Resends(sender, recorder, db.writer(), config.clock(), json, config.nightResend(), leases);
        RetryLoop retries = new RetryLoop(sender, cancellation, resends, pause, config.retryTick(), metrics);
        CallbackService callbacks = new CallbackService(recorder, tokens, config.clock(), esms.simulated(), metrics);
        Reconciler reconciler = new Reconciler(db.writer(), recorder, client, config.clock(), config.reconcileAfter(), json,
                metrics, esms.simulated());
        Retention retention = new Retention(db.writer(), config.clock(), config.retentionDays(), metrics, leases);
        PhoneChecks phoneChecks = new PhoneChecks(db.writer(), recorder, client, config.clock(), json);
        ReconcileLoop reconcileLoop = new ReconcileLoop(reconciler, config.clock(), config.retryTick(), () -> {
            phoneChecks.pass();
            retention.runIfDue();
        });
        Account account = new Account(client, db.reads(), config.clock(), defaultOaId(config, esms), config.lowBalanceVnd(), pause,
                alerts);
        metrics.gauge("tracker.esms.balance.vnd", "the eSMS account balance (VND) at its last look-up", account::lastBalance);
        metrics.gauges("tracker.zns.quota.remaining", "ZNS messages an OA may still send today, at the last look-up",
                () -> Maps.tagged("oa", account.lastRemaining()));
        metrics.gauges("tracker.sending.paused", "1 while sending is paused for the account, by eSMS's code",
                () -> pause.current().map(p -> Map.of(Map.of("reason", p.code()), 1L)).orElse(Map.of()));
        metrics.gauges("tracker.alert", "messages hit by each active account or configuration alert", () -> Maps.alerts(alerts.active()));
        Dashboard dashboard = new Dashboard(live, db.writer(), db.reads(), config.clock(), config.apiToken(), config.reconcileAfter(),
                esms.simulated(), new ClientAddress(config.trustedProxies())::of);
        Auth auth = new Auth(config.apiToken(), dashboard::signedIn);
        metrics.gauge("tracker.retry.queue.depth", "messages QUEUED for a (re)send to eSMS",
                () -> db.reads().withExtension(LedgerDao.class, d -> d.countIn(List.of(Status.QUEUED.name()))));

        return Javalin.create(c -> {
            c.jsonMapper(new JavalinJackson(json, false));
            c.startup.showJavalinBanner = false;
            c.jetty.host = config.host(); // 127.0.0.1 keeps the service on this machine
            c.requestLogger.http((ctx, ms) -> metrics.http(ctx.method().name(), Edge.route(ctx), ctx.statusCode(), ms));
            Edge.install(c, auth, config.publicUrl());
            c.routes.get("/health/live", ctx -> ctx.json(Map.of("status", "live")));
            // the pair load balancers and Kubernetes expect: /health/ready is /health under the name they look for
            for (String ready : new String[] {"/health", "/health/ready"}) {
                c.routes.get(ready, ctx -> Health.ready(ctx, db, esmsState, auth.allows(ctx)));
            }
            c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            SendRoutes.register(c, sender, resends, cancellation, db.reads(), json, defaultOaId(config, esms));
            JourneyRoutes.register(c, db.reads(), json, config.clock());
            AccountRoutes.register(c, account);
            ReconcileRoutes.register(c, reconciler, db.reads(), json);
            CallbackRoutes.register(c, callbacks, json, metrics);
            dashboard.register(c, json);
            ApiDocs.register(c);
            WebhookRoutes.register(c, webhooks, json);
            c.jetty.modifyServer(server -> server.addEventListener(new LifeCycle.Listener() {
                @Override public void lifeCycleStarted(LifeCycle started) {
                    int port = ((NetworkConnector) server.getConnectors()[0]).getLocalPort();
                    urls.listening(port); // before the loops start: a retry needs its callback URL
                    retries.start();
                    reconcileLoop.start();
                    webhooks.start();
                    Warnings.atStart(esms, config.apiToken() != null, config.publicUrl(), config.host(), port);
                }
            }));
            c.events.serverStopping(() -> {
                reconcileLoop.close();
                retries.close();
                webhooks.close();
                leases.close(); // the loops have stopped: another instance takes their jobs over at once
                live.close();
            });
            c.events.serverStopped(() -> {
                esms.close();
                notices.close(); // tells the others of the last changes first
                db.close(); // the writer drains its queue before the connection closes
                metrics.close();
                http.dispatcher().executorService().shutdown();
                http.connectionPool().evictAll();
            });
        });
    }

    private static OkHttpClient http() {
        // no silent re-POST when a pooled connection drops: eSMS may hold the first, and only our retry loop knows;
        // no redirect followed: it could carry the keys in our request body to any address, even over plain http
        // sends wait on eSMS without a thread each: OkHttp's dispatcher holds them, 5 per host by default, and keeps
        // as many idle connections as a burst opened (a fresh TLS handshake per send would cost eSMS's latency twice)
        Dispatcher calls = new Dispatcher();
        calls.setMaxRequests(ESMS_CONCURRENT_CALLS);
        calls.setMaxRequestsPerHost(ESMS_CONCURRENT_CALLS);
        return new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(10)).callTimeout(Duration.ofSeconds(15)).dispatcher(calls)
                .connectionPool(new ConnectionPool(ESMS_CONCURRENT_CALLS, 5, TimeUnit.MINUTES))
                .retryOnConnectionFailure(false).followRedirects(false).followSslRedirects(false).build();
    }

    private static void startupThread(Runnable r) {
        Thread t = new Thread(r, "startup");
        t.setDaemon(true);
        t.start();
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    /** The real eSMS, or the embedded simulator when it is on (then a stand-in OA and keys of its own). */
    private static EsmsEndpoint esms(Config config) {
        if (!config.simulatorOn()) {
            return EsmsEndpoint.real(config.esmsBaseUrl(), config.esmsStatusBaseUrl(), config.esmsApiKey(),
                    config.esmsSecretKey());
        }
        SimulatorSettings settings = SimulatorSettings.defaults();
        if (config.simulatorSeed() != null) settings = settings.withSeed(config.simulatorSeed());
        EsmsSimulator sim = new EsmsSimulator(settings).start();
        return new EsmsEndpoint(sim.baseUrl(), sim.baseUrl(), settings.apiKey(), settings.secretKey(), true, sim);
    }

    /** ESMS_OAID; with the simulator and none set, its stand-in OA so the quickstart needs no account. */
    private static String defaultOaId(Config config, EsmsEndpoint esms) {
        if (config.esmsOaid() != null || !esms.simulated()) return config.esmsOaid();
        return EsmsSimulator.OAID;
    }

    static ObjectMapper json() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32)
                        .maxStringLength(Edge.MAX_BODY).maxNumberLength(32).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
