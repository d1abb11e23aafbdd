package tracker.esms;

import java.util.Map;
import tracker.ledger.FailureKind;

/** eSMS result codes in words, for people reading a failed message. */
public final class EsmsCodes {
    private static final Map<String, String> SEND = Map.ofEntries(
            Map.entry("99", "the phone number is blocked at eSMS"),
            Map.entry("100", "accepted by eSMS"),
            Map.entry("101", "eSMS refused our credentials (wrong ApiKey/SecretKey)"),
            Map.entry("102", "the eSMS account has no price list"),
            Map.entry("103", "the eSMS account balance is too low"),
            Map.entry("104", "the brandname is not registered"),
            Map.entry("105", "SMSID not found at eSMS"),
            Map.entry("108", "eSMS says the phone number is malformed"),
            Map.entry("110", "eSMS says the request data is invalid"),
            Map.entry("118", "message type not supported"),
            Map.entry("119", "the brandname is not allowed to send this message"),
            Map.entry("124", "duplicate RequestId: eSMS already has a send with this RequestId (24 h)"),
            Map.entry("131", "content too long"),
            Map.entry("140", "this server's IP address is not whitelisted at eSMS"),
            Map.entry("143", "the eSMS account is not activated or is locked"),
            Map.entry("146", "the template does not match"),
            Map.entry("160", "eSMS rate limit exceeded (too many requests per second)"),
            Map.entry("201", "the content holds a keyword eSMS blocks"),
            Map.entry("204", "the Zalo OA id is unknown to eSMS"),
            Map.entry("210", "the payload is not as this Zalo message type requires"),
            Map.entry("789", "the Zalo template is not configured for this OA"),
            Map.entry("790", "wrong Zalo ZNS template"),
            Map.entry("791", "the Zalo OA id or template id is missing"),
            Map.entry("799", "the Zalo OA is inactive, wrong, or not added to the eSMS account"),
            Map.entry("801", "the OA's over-quota mode does not allow scheduled sends"),
            Map.entry("802", "the OA is not allowed to send in over-quota mode"));
    /** PROTOCOL.md section 5: what a refusal means for the sender, beyond this one message. */
    private static final Map<String, FailureKind> KINDS = kinds();

    private EsmsCodes() {}

    /** "eSMS 789: the Zalo template is not configured for this OA" (unknown codes still read well). */
    public static String describe(String code, String esmsMessage) {
        String words = SEND.get(code);
        if (words == null) {
            words = esmsMessage == null || esmsMessage.isBlank() ? "unknown eSMS result code" : esmsMessage;
        }
        return "eSMS " + code + ": " + words;
    }

    /** The kind of a send refusal: account, configuration, recipient, transient, or unknown for a code we do not know. */
    public static FailureKind kind(String code) { return KINDS.getOrDefault(code, FailureKind.UNKNOWN); }

    private static Map<String, FailureKind> kinds() {
        Map<String, FailureKind> m = new java.util.HashMap<>();
        for (String c : new String[] {"101", "102", "103", "140", "143"}) m.put(c, FailureKind.ACCOUNT);
        for (String c : new String[] {"146", "204", "789", "790", "791", "799", "801", "802"}) m.put(c, FailureKind.CONFIGURATION);
        for (String c : new String[] {"99", "108", "110", "118", "201", "210"}) m.put(c, FailureKind.RECIPIENT);
        m.put("160", FailureKind.TRANSIENT);
        return Map.copyOf(m);
    }

    /** Codes that mean our account itself is refused: every send will fail until an operator acts. */
    public static boolean isCredentialRefusal(String code) {
        return "101".equals(code) || "140".equals(code) || "143".equals(code);
    }
}
