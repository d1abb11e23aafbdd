package tracker.simulator;

import io.javalin.Javalin;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process stand-in for eSMS (Vietnam's SMS/Zalo gateway), served over real HTTP on 127.0.0.1 only.
 * It answers sends, calls the sender back like eSMS does (GET, retried only on timeouts), and answers
 * GetSendStatus and GetCallback. What happens to each message is chosen by the recipient's number
 * (see {@link Outcomes}) or drawn from the settings' seeded shares. Usable both as {@code ESMS_BASE_URL}
 * and as {@code ESMS_STATUS_BASE_URL}.
 */
public final class EsmsSimulator implements AutoCloseable {
    public static final String SEND_PATH = "/MainService.svc/json/SendZaloMessage_V4_post_json/";
    public static final String SEND_STATUS_PATH = "/MainService.svc/json/GetSendStatus";
    public static final String GET_CALLBACK_PATH = "/ZaloCallback/GetCallback";
    /** The stand-in Zalo OA id sends use when none is configured, so the quickstart needs no account. */
    public static final String OAID = "4097311281936189049";
    private static final Logger LOG = LoggerFactory.getLogger(EsmsSimulator.class);

    private final SimulatorSettings settings;
    private final MessageStore store = new MessageStore();
    private final CallbackSender sender;
    private final CallbackScheduler scheduler;
    private final SendEndpoint send;
    private final LookupEndpoints lookups;
    private final AccountEndpoints account;
    private Javalin app;

    /** Builds the simulator; nothing listens until {@link #start()}. */
    public EsmsSimulator(SimulatorSettings settings) {
        this.settings = settings;
        this.sender = new CallbackSender(settings.callbackTimeout());
        this.scheduler = new CallbackScheduler(sender, settings.firstCallbackDelay(), settings.stepDelay());
        this.account = new AccountEndpoints(settings, store);
        this.send = new SendEndpoint(settings, store, scheduler, account);
        this.lookups = new LookupEndpoints(settings, store);
    }

    /** Binds 127.0.0.1 on a free port: only loopback callers can reach it. */
    public synchronized EsmsSimulator start() {
        if (app != null) throw new IllegalStateException("already started");
        app = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.startup.showJavalinBanner = false;
            config.router.ignoreTrailingSlashes = true;
            config.routes.post(SEND_PATH, send::handle);
            config.routes.get(SEND_STATUS_PATH, lookups::getSendStatus);
            config.routes.post(GET_CALLBACK_PATH, lookups::getCallback);
            config.routes.post(AccountEndpoints.BALANCE_PATH, account::getBalance);
            config.routes.post(AccountEndpoints.QUOTA_PATH, account::getQuota);
            config.routes.post(AccountEndpoints.PHONE_PATH, account::getZaloMessageStatus);
            config.routes.post(AccountEndpoints.SWITCH_PATH, account::setAccount);
        });
        app.start(0);
        LOG.info("eSMS simulator listening on {} with {}", baseUrl(), settings);
        return this;
    }

    /** e.g. {@code http://127.0.0.1:43123}; eSMS's paths are served below it. */
    public synchronized String baseUrl() {
        if (app == null) throw new IllegalStateException("not started");
        return "http://127.0.0.1:" + app.port();
    }

    /** Every send request whose body was a JSON object, in arrival order (refused and sandbox ones included). */
    public List<Map<String, Object>> receivedSends() {
        return store.received();
    }

    /** HTTP tries made so far to deliver callbacks for {@code smsId} (each retry and each duplicate counts). */
    public int callbackAttempts(String smsId) {
        return sender.attempts(smsId);
    }

    /** True once every step of every message sent so far has played, its callbacks answered, refused or given up. */
    public boolean callbacksSettled() {
        return scheduler.idle();
    }

    /** Stops the server and the callback threads; pending callbacks are dropped. */
    @Override
    public synchronized void close() {
        scheduler.close();
        sender.close();
        if (app != null) app.stop();
    }
}
