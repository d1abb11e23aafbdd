package tracker.esms;

import java.util.Map;

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
            Map.entry("118", "message type not supported"),
            Map.entry("119", "the brandname is not allowed to send this message"),
            Map.entry("124", "duplicate RequestId: eSMS already has a send with this RequestId (24 h)"),
            Map.entry("131", "content too long"),
            Map.entry("140", "this server's IP address is not whitelisted at eSMS"),
            Map.entry("143", "the eSMS account is not activated or is locked"),
            Map.entry("146", "the template does not match"),
            Map.entry("160", "eSMS rate limit exceeded (too many requests per second)"),
            Map.entry("204", "the Zalo OA id is unknown to eSMS"),
            Map.entry("789", "the Zalo template is not configured for this OA"),
            Map.entry("790", "wrong Zalo ZNS template"),
            Map.entry("791", "the Zalo OA id or template id is missing"),
            Map.entry("799", "the Zalo OA is inactive, wrong, or not added to the eSMS account"));

    private EsmsCodes() {}

    /** "eSMS 789: the Zalo template is not configured for this OA" (unknown codes still read well). */
    public static String describe(String code, String esmsMessage) {
        String words = SEND.get(code);
        if (words == null) {
            words = esmsMessage == null || esmsMessage.isBlank() ? "unknown eSMS result code" : esmsMessage;
        }
        return "eSMS " + code + ": " + words;
    }

    /** Codes that mean our account itself is refused: every send will fail until an operator acts. */
    public static boolean isCredentialRefusal(String code) {
        return "101".equals(code) || "140".equals(code) || "143".equals(code);
    }
}
