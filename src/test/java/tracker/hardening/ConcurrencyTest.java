package tracker.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tracker.EsmsTestBase;
import tracker.TestServer;

/** Many clients at the same moment: duplicates collapse, races make one message, refusals stay local. */
class ConcurrencyTest extends EsmsTestBase {

    @Test
    void the_same_callback_from_fifty_clients_at_once_is_stored_once_with_fifty_repeats() throws Exception {
        Sent sent = sendAccepted("HD-C1", "SMS-C1");
        List<Integer> statuses = all(50, i -> callback(sent, "SMSID=SMS-C1&SendStatus=5&SendSuccess=1&SendFailed=0"));
        assertThat(statuses).containsOnly(200);
        var events = message(sent.id()).get("events");
        assertThat(events).hasSize(3);
        assertThat(events.get(2).get("repeats").asInt()).isEqualTo(50);
        assertThat(message(sent.id()).get("status").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void sends_racing_with_the_same_request_id_make_one_message_and_one_esms_call() throws Exception {
        esms.enqueue(accepted("SMS-C2"));
        List<TestServer.Reply> replies = all(20, i -> server.send("HD-C2", body("0901888484", "same-request-id")));
        assertThat(replies).extracting(TestServer.Reply::status).allMatch(s -> s == 200 || s == 201);
        assertThat(replies).extracting(r -> r.json().get("id").asLong()).containsOnly(replies.get(0).json().get("id").asLong());
        assertThat(esms.getRequestCount()).isEqualTo(1);
        assertThat(journey("HD-C2").get("messages")).hasSize(1);
    }

    @Test
    void refused_callbacks_in_the_same_write_batch_do_not_fail_the_valid_ones() throws Exception {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) sent.add(sendAccepted("HD-C3", "SMS-C3-" + i));
        List<Integer> statuses = all(40, i -> {
            Sent s = sent.get(i % 10);
            String smsId = i < 20 ? "SMS-C3-" + (i % 10) : "SMS-C3-" + ((i + 1) % 10); // the second half names another message
            return callback(s, "SMSID=" + smsId + "&SendStatus=2&SendSuccess=0&SendFailed=0&n=" + i);
        });
        assertThat(statuses.subList(0, 20)).containsOnly(200);
        assertThat(statuses.subList(20, 40)).containsOnly(409);
        for (Sent s : sent) assertThat(message(s.id()).get("events")).hasSize(4); // SUBMITTED, ACCEPTED, 2 callbacks
    }

    @Test
    void callbacks_racing_out_of_order_still_end_at_the_furthest_status() throws Exception {
        Sent sent = sendAccepted("HD-C4", "SMS-C4");
        String[] steps = {"SendStatus=1", "SendStatus=2", "SendStatus=7", "SendStatus=5&SendSuccess=1&SendFailed=0"};
        List<Integer> statuses = all(40, i -> callback(sent, "SMSID=SMS-C4&" + steps[i % 4] + "&n=" + i));
        assertThat(statuses).containsOnly(200);
        assertThat(message(sent.id()).get("status").asText()).isEqualTo("DELIVERED");
    }

    interface Call<T> { T run(int i) throws Exception; }

    /** Runs n calls released at the same instant and returns their results in order. */
    static <T> List<T> all(int n, Call<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit((Callable<T>) () -> {
                    gate.await();
                    return call.run(index);
                }));
            }
            gate.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
