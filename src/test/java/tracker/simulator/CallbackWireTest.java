package tracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static tracker.simulator.SimTestSupport.*;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The query a callback carries reaches the receiver exactly as built: no re-encoding on the way. */
class CallbackWireTest {
    @StartStop
    MockWebServer receiver = new MockWebServer();
    CallbackSender sender;

    @BeforeEach
    void start() {
        sender = new CallbackSender(Duration.ofSeconds(1));
        answerEverything(receiver, 200);
    }

    @AfterEach
    void stop() {
        sender.close();
    }

    @ParameterizedTest
    @EnumSource(ErrorInfoEncoding.class)
    void built_query_reaches_the_wire_byte_identical(ErrorInfoEncoding encoding) throws Exception {
        Message m = new Message("d8e0f1f0702544b2acb456ca9ccfd111250", "84901230114", "1397492183140006179",
                "2056446", "req {1} \"q\" 'x'", "ignored", "", "2", encoding,
                Outcomes.Outcome.plain(Outcomes.Result.FAILED_114), new AtomicReference<>(MessageStatus.accepted()));
        String query = CallbackQuery.build(m, m.finalStatus(), ZonedDateTime.now());
        assertThat(query).doesNotContain(" ", "\"", "'");

        sender.deliver(m.smsId(), receiver.url("/esms/cb/tok").toString(), query);
        RecordedRequest r = take(receiver, 1, Duration.ofSeconds(2)).get(0);

        assertThat(r.getTarget()).isEqualTo("/esms/cb/tok?" + query);
        assertThat(r.getRequestLine()).isEqualTo("GET /esms/cb/tok?" + query + " HTTP/1.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SMSID=f66545d2-c7e2-4603-984e-d2238c363c8292&SendFailed=1&SendStatus=5&SendSuccess=0&TotalPrice=0.0000&TotalReceiver=1&TotalSent=0&RequestId=&TypeId=25&telcoid=2&phonenumber=0901888484&partnerids=&error_info=%22{%5C%22error%5C%22%3A-114%2C%5C%22message%5C%22%3A%5C%22User%20is%20inactive%2C%20or%20reject%20the%20message%2C%20or%20using%20an%20outdated%20Zalo%20version%2C%20or%20other%20internal%20errors%5C%22}%22&oaid=1397492183140006179&tempid=2056446",
        "SMSID=7d11c87a22934df390f73ec59d8defd6205&SendFailed=0&SendStatus=5&SendSuccess=1&TotalPrice=220.0000&TotalReceiver=1&TotalSent=1&RequestId=&TypeId=27&phonenumber=312158068343230&error_info=%257B%2522data%2522%3A%257B%2522message_id%2522%3A%2522e1a60e8890be9de4c4ab%2522%2C%2522user_id%2522%3A%252231215806834323092%2522%257D%2C%2522error%2522%3A0%2C%2522message%2522%3A%2522Success%2522%257D____24%2F04%2F2024%252016%3A58%3A01&oaid=4097311281936189049&partnerids=e1a60e8890be9derir3gfbff",
        "SMSID=5450d5579bfa466a9f2a5911c82f4037&SendFailed=0&SendStatus=5&SendSuccess=1&TotalPrice=2104.0000&TotalReceiver=1&TotalSent=1&RequestId=&TypeId=25&telcoid=9&phonenumber=5308693166941955879&error_info={%22error%22%3A0%2C%22message%22%3A%22Success%22%2C%22data%22%3A{%22delivery_time%22%3Anull%2C%22message%22%3A%22The%20message%20was%20delivered%20to%20the%20user%27s%20phone%22%2C%22status%22%3A1}}&oaid=3639635426588416370&tempid=523194&partnerids=416f53d0cf0ec7569e19"
    })
    void esms_published_samples_pass_through_verbatim(String sample) throws Exception {
        sender.deliver("x", receiver.url("/cb").toString(), sample);
        assertThat(take(receiver, 1, Duration.ofSeconds(2)).get(0).getTarget()).isEqualTo("/cb?" + sample);
    }

    @Test
    void double_encoding_matches_the_shape_of_esms_sample() {
        ZonedDateTime at = ZonedDateTime.parse("2024-04-24T16:58:01+07:00[Asia/Ho_Chi_Minh]");
        String json = "{\"data\":{\"message_id\":\"e1a60e8890be9de4c4ab\",\"user_id\":\"31215806834323092\"},"
                + "\"error\":0,\"message\":\"Success\"}";
        assertThat(ErrorInfoEncoding.DOUBLE_WITH_TIMESTAMP.encode(json, at)).isEqualTo(
                "%257B%2522data%2522%3A%257B%2522message_id%2522%3A%2522e1a60e8890be9de4c4ab%2522%2C%2522user_id"
                + "%2522%3A%252231215806834323092%2522%257D%2C%2522error%2522%3A0%2C%2522message%2522%3A%2522Success"
                + "%2522%257D____24%2F04%2F2024%252016%3A58%3A01");
    }

    @Test
    void quoted_and_once_encodings_match_the_shape_of_esms_samples() {
        ZonedDateTime now = ZonedDateTime.now();
        assertThat(ErrorInfoEncoding.QUOTED.encode(MessageStatus.ERROR_114, now)).isEqualTo(
                "%22{%5C%22error%5C%22%3A-114%2C%5C%22message%5C%22%3A%5C%22User%20is%20inactive%2C%20or%20reject"
                + "%20the%20message%2C%20or%20using%20an%20outdated%20Zalo%20version%2C%20or%20other%20internal"
                + "%20errors%5C%22}%22");
        assertThat(ErrorInfoEncoding.ONCE_RAW_BRACES.encode("{\"error\":0,\"message\":\"user's\"}", now))
                .isEqualTo("{%22error%22%3A0%2C%22message%22%3A%22user%27s%22}");
    }
}
