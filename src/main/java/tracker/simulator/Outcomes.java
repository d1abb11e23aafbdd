package tracker.simulator;

import java.util.Optional;
import java.util.Random;

/**
 * What happens to a send, picked by the last four digits of the recipient's phone number.
 *
 * <table>
 *   <caption>Magic phone numbers (last four digits)</caption>
 *   <tr><th>ends with</th><th>send answer</th><th>callbacks</th></tr>
 *   <tr><td>0160</td><td>160 rate limit</td><td>none</td></tr>
 *   <tr><td>0099</td><td>99 phone blocked</td><td>none</td></tr>
 *   <tr><td>0103</td><td>103 balance too low</td><td>none</td></tr>
 *   <tr><td>0789</td><td>789 template not configured for the OA</td><td>none</td></tr>
 *   <tr><td>0799</td><td>799 OA inactive / not on the account</td><td>none</td></tr>
 *   <tr><td>0100</td><td>100</td><td>7, then 5 delivered (never random)</td></tr>
 *   <tr><td>0114</td><td>100</td><td>7, then 5 failed, Zalo error -114</td></tr>
 *   <tr><td>0124</td><td>100</td><td>7, then 5 failed, Zalo error -124</td></tr>
 *   <tr><td>0118</td><td>100</td><td>7, then 5 failed, Zalo error -118 (no Zalo account)</td></tr>
 *   <tr><td>0133</td><td>100</td><td>7, then 5 failed, Zalo error -133 (template not allowed at night)</td></tr>
 *   <tr><td>0004</td><td>100</td><td>4 rejected only</td></tr>
 *   <tr><td>0777</td><td>100</td><td>delivered, but no callback is ever sent (lost)</td></tr>
 *   <tr><td>0222</td><td>100</td><td>7, 7, 5, 5 delivered: every callback twice, byte-identical</td></tr>
 *   <tr><td>0555</td><td>100</td><td>5 delivered, then 7 (out of order)</td></tr>
 *   <tr><td>0012</td><td>100</td><td>1, 2, 7, then 5 delivered</td></tr>
 *   <tr><td>anything else</td><td>100</td><td>drawn from the seeded Random using the settings' shares; failures are
 *   recipient errors only (-114, -118), so a quickstart raises no account alarm</td></tr>
 * </table>
 */
final class Outcomes {

    enum Result { DELIVERED, FAILED_114, FAILED_118, FAILED_124, FAILED_133, REJECTED }

    /** The fate of one accepted message. */
    record Outcome(Result result, boolean duplicate, boolean outOfOrder, boolean lost, boolean pendingFirst) {
        static Outcome plain(Result result) {
            return new Outcome(result, false, false, false, false);
        }
    }

    private Outcomes() {
    }

    /** A send refused because of the recipient number, or empty when the number is accepted. */
    static Optional<String> refusalCode(String phone) {
        return switch (suffix(phone)) {
            case "0160" -> Optional.of("160");
            case "0099" -> Optional.of("99");
            case "0103" -> Optional.of("103");
            case "0789" -> Optional.of("789");
            case "0799" -> Optional.of("799");
            default -> Optional.empty();
        };
    }

    /** Always draws the same number of values from {@code random} so one send never shifts the next's draw. */
    static Outcome pick(String phone, Random random, SimulatorSettings s) {
        double kind = random.nextDouble();
        double duplicate = random.nextDouble();
        double outOfOrder = random.nextDouble();
        double lost = random.nextDouble();
        boolean which = random.nextBoolean();
        return switch (suffix(phone)) {
            case "0100" -> Outcome.plain(Result.DELIVERED);
            case "0114" -> Outcome.plain(Result.FAILED_114);
            case "0124" -> Outcome.plain(Result.FAILED_124);
            case "0118" -> Outcome.plain(Result.FAILED_118);
            case "0133" -> Outcome.plain(Result.FAILED_133);
            case "0004" -> Outcome.plain(Result.REJECTED);
            case "0777" -> new Outcome(Result.DELIVERED, false, false, true, false);
            case "0222" -> new Outcome(Result.DELIVERED, true, false, false, false);
            case "0555" -> new Outcome(Result.DELIVERED, false, true, false, false);
            case "0012" -> new Outcome(Result.DELIVERED, false, false, false, true);
            default -> new Outcome(drawResult(kind, which, s), duplicate < s.duplicateShare(),
                    outOfOrder < s.outOfOrderShare(), lost < s.lostShare(), false);
        };
    }

    private static Result drawResult(double kind, boolean which, SimulatorSettings s) {
        if (kind < s.failureShare()) return which ? Result.FAILED_114 : Result.FAILED_118;
        if (kind < s.failureShare() + s.rejectShare()) return Result.REJECTED;
        return Result.DELIVERED;
    }

    private static String suffix(String phone) {
        return phone.length() < 4 ? phone : phone.substring(phone.length() - 4);
    }
}
