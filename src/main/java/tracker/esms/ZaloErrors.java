package tracker.esms;

import java.util.Map;
import tracker.ledger.FailureKind;

/** Zalo's own error codes inside a callback's error_info (PROTOCOL.md section 6): what each means, in words. */
public final class ZaloErrors {
    private record Known(FailureKind kind, String words) {}

    private static final Map<Integer, Known> CODES = Map.ofEntries(
            Map.entry(-108, new Known(FailureKind.RECIPIENT, "the phone number is invalid for Zalo")),
            Map.entry(-114, new Known(FailureKind.RECIPIENT,
                    "the recipient is inactive on Zalo, refused the message or uses an outdated Zalo app")),
            Map.entry(-118, new Known(FailureKind.RECIPIENT, "no Zalo account for this number, or it is disabled")),
            Map.entry(-119, new Known(FailureKind.RECIPIENT, "this Zalo account cannot receive ZNS")),
            Map.entry(-139, new Known(FailureKind.RECIPIENT, "the recipient refused this type of ZNS")),
            Map.entry(-141, new Known(FailureKind.RECIPIENT, "the recipient refused messages from this OA")),
            Map.entry(-115, new Known(FailureKind.ACCOUNT, "the OA's ZNS balance is too low: top it up")),
            Map.entry(-124, new Known(FailureKind.ACCOUNT,
                    "the OA's Zalo access token is invalid: reconnect the OA in the eSMS dashboard")),
            Map.entry(-144, new Known(FailureKind.ACCOUNT, "the OA's daily ZNS limit is reached")),
            Map.entry(-146, new Known(FailureKind.CONFIGURATION, "Zalo disabled the template for low quality")),
            Map.entry(-147, new Known(FailureKind.CONFIGURATION, "the template's daily limit is reached")),
            Map.entry(-133, new Known(FailureKind.TIMING,
                    "this template may not be sent between 22:00 and 06:00 Vietnam time; it can go again after 06:00")),
            Map.entry(-148, new Known(FailureKind.JOURNEY, "Zalo found no journey token for this order")),
            Map.entry(-149, new Known(FailureKind.JOURNEY, "the journey token is invalid")),
            Map.entry(-150, new Known(FailureKind.JOURNEY, "the journey token has expired")));

    private ZaloErrors() {}

    public static FailureKind kind(Integer code) {
        Known k = code == null ? null : CODES.get(code);
        return k == null ? FailureKind.UNKNOWN : k.kind();
    }

    /** "Zalo error -114: User is inactive — the recipient is inactive on Zalo, ...": Zalo's words, then ours. */
    public static String reason(int code, String zaloMessage) {
        Known k = CODES.get(code);
        boolean said = zaloMessage != null && !zaloMessage.isBlank();
        if (k == null) return "Zalo error " + code + ": " + (said ? zaloMessage : "no message given");
        return "Zalo error " + code + ": " + (said ? zaloMessage + " — " + k.words() : k.words());
    }
}
