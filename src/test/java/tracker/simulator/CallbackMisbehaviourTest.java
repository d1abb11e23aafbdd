package tracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static tracker.simulator.SimTestSupport.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/** Duplicates, disorder, loss, and eSMS's retry rule (timeouts only, 5 tries). */
class CallbackMisbehaviourTest extends SimulatorTestBase {
    static final Duration WITHIN = Duration.ofSeconds(3);

    String accept(String phone) throws Exception {
        JsonNode answer = send(sim, sendBody(phone, receiver.url("/cb/t").toString()));
        assertThat(answer.path("CodeResult").asText()).isEqualTo("100");
        return answer.path("SMSID").asText();
    }

    @Test
    void duplicate_callbacks_arrive_byte_identical() throws Exception {
        String smsId = accept("0901230222");
        List<RecordedRequest> got = take(receiver, 4, WITHIN);
        assertThat(got.get(0).getRequestLine()).isEqualTo(got.get(1).getRequestLine()).contains("SendStatus=7");
        assertThat(got.get(2).getRequestLine()).isEqualTo(got.get(3).getRequestLine()).contains("SendStatus=5");
        assertThat(sim.callbackAttempts(smsId)).isEqualTo(4);
    }

    @Test
    void out_of_order_number_delivers_5_before_7_yet_status_stays_final() throws Exception {
        String smsId = accept("0901230555");
        List<RecordedRequest> got = take(receiver, 2, WITHIN);
        assertThat(rawQuery(got.get(0).getTarget())).containsEntry("SendStatus", "5");
        assertThat(rawQuery(got.get(1).getTarget())).containsEntry("SendStatus", "7");
        assertThat(sendStatus(sim, smsId).path("SendStatus").asInt()).isEqualTo(5);
    }

    @Test
    void lost_callbacks_never_arrive_but_lookups_report_the_delivery() throws Exception {
        String smsId = accept("0901230777");
        awaitSettled(sim); // every step has played: a lost callback would have gone out by now
        assertThat(receiver.getRequestCount()).isZero();
        assertThat(sim.callbackAttempts(smsId)).isZero();

        JsonNode status = sendStatus(sim, smsId);
        assertThat(status.path("CodeResponse").asText()).isEqualTo("100");
        assertThat(status.path("SendStatus").asInt()).isEqualTo(5);
        assertThat(status.path("SendSuccess").asInt()).isEqualTo(1);
        assertThat(status.path("TotalPrice").asDouble()).isEqualTo(220.0);

        JsonNode data = getCallback(sim, List.of(smsId)).path("Data_callback");
        assertThat(data).hasSize(1);
        assertThat(data.get(0).path("SMSID").asText()).isEqualTo(smsId);
        assertThat(data.get(0).path("SendSuccess").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(data.get(0).path("ErrorInfo").asText()).path("error").asInt(-1)).isZero();
    }

    @Test
    void a_callback_that_times_out_is_retried_and_stops_after_exactly_5_tries() throws Exception {
        receiver.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
            }
        });
        String smsId = accept("0901230004"); // rejected: a single callback, so every try is a retry of it
        List<RecordedRequest> tries = take(receiver, 5, WITHIN);
        assertThat(tries).extracting(RecordedRequest::getRequestLine).containsOnly(tries.get(0).getRequestLine());
        awaitSettled(sim); // the sender gave up: a sixth try would have come before
        assertThat(receiver.getRequestCount()).isEqualTo(5);
        assertThat(sim.callbackAttempts(smsId)).isEqualTo(CallbackSender.MAX_TRIES);
    }

    @Test
    void a_500_answer_is_final_and_not_retried() throws Exception {
        answerEverything(receiver, 500);
        String smsId = accept("0901230004");
        take(receiver, 1, WITHIN);
        awaitSettled(sim); // a retry would come before the delivery ends
        assertThat(receiver.getRequestCount()).isEqualTo(1);
        assertThat(sim.callbackAttempts(smsId)).isEqualTo(1);
    }

    @Test
    void a_refused_connection_is_final_and_not_retried() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String smsId = send(sim, sendBody("0901230004", "http://127.0.0.1:" + closedPort + "/cb"))
                .path("SMSID").asText();
        awaitSettled(sim); // a retry would come before the delivery ends
        assertThat(sim.callbackAttempts(smsId)).isEqualTo(1);
    }
}
