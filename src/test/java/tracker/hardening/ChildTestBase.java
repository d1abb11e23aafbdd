package tracker.hardening;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import tracker.EsmsTestBase;
import tracker.TestServer;
import tracker.callback.CallbackTokens;

/** A child-process service whose eSMS (MockWebServer) accepts every send with a fresh SMSID. */
abstract class ChildTestBase {
    @StartStop final MockWebServer esms = new MockWebServer();
    @TempDir Path dir;
    final AtomicInteger esmsCalls = new AtomicInteger();
    ChildService child;

    ChildService startChild(Map<String, String> extraEnv) { return startChild(extraEnv, null); }

    /** As above with another heap limit than the child's default (null: the default). */
    ChildService startChild(Map<String, String> extraEnv, String maxHeap) {
        esms.setDispatcher(new Dispatcher() {
            @Override public MockResponse dispatch(RecordedRequest r) {
                return EsmsTestBase.accepted("SMS" + esmsCalls.incrementAndGet());
            }
        });
        ChildService c = new ChildService(dir, esms.url("/").toString().replaceAll("/$", ""), extraEnv);
        if (maxHeap != null) c.maxHeap = maxHeap;
        child = c.start();
        return child;
    }

    @AfterEach void stopChild() {
        if (child != null) child.stop();
    }

    /** Sends a message through the child and returns its id (asserting eSMS accepted it). */
    long sendAccepted(String orderId) {
        TestServer.Reply r = child.send(orderId, EsmsTestBase.body("0901888484", null));
        if (r.status() != 201) throw new AssertionError("send answered " + r.status() + ": " + r.body());
        return r.json().get("id").asLong();
    }

    static String callbackPath(long messageId) {
        return "/callbacks/" + messageId + "/" + new CallbackTokens(ChildService.CALLBACK_SECRET, null).token(messageId);
    }

    TestServer.Reply callback(long messageId, String query) {
        return child.get(callbackPath(messageId) + "?" + query);
    }

    String smsIdOf(long messageId) { return child.get("/api/messages/" + messageId).json().get("smsId").asText(); }

    /** Runs a query on the database from this (the test's) process; rows as lists of strings. */
    static List<List<String>> query(String databaseUrl, String sql) {
        try (Connection c = DriverManager.getConnection(databaseUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) row.add(rs.getString(i));
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String one(String databaseUrl, String sql) { return query(databaseUrl, sql).get(0).get(0); }
}
