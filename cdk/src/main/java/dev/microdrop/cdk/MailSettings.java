package dev.microdrop.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * How the notifications function sends mail through SES, from the CDK context: {@code mailFrom} (required),
 * {@code mailConfigurationSet} (optional) and {@code mailRate} (mails a second, default 10).
 *
 * <p>{@code mailFrom} is required: without it synth is refused, saying what to pass. A drop deployed without mail
 * would sell without sending a receipt, pickup code or waitlist claim, which buyers notice and the merchant learns
 * from them; a refused synth is noticed before the deploy. The sender must be an SES identity verified in the
 * stack's region (the address, or its domain), and the function may send only as that identity.
 *
 * @param from             {@code MICRODROP_MAIL_FROM}: an address, or {@code Name <address>}
 * @param address          the address alone
 * @param configurationSet the SES configuration set the mail goes through, if any
 * @param rate             {@code MICRODROP_MAIL_RATE}, mails a second for the whole deployment
 */
public record MailSettings(String from, String address, Optional<String> configurationSet, String rate) {

    public static final String DEFAULT_RATE = "10";

    private static final String ADDRESS = "[^@\\s<>,\"]+@[^@\\s<>,\"]+\\.[^@\\s<>,\"]+";
    private static final Pattern FROM = Pattern.compile("(?:[^<>@\"]*<(" + ADDRESS + ")>|(" + ADDRESS + "))");
    /** SES's rule for configuration set names. */
    private static final Pattern CONFIGURATION_SET = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** The settings the context values ask for, or a refusal that says which value is wrong and what it takes. */
    public static MailSettings of(Optional<String> mailFrom, Optional<String> configurationSet, Optional<String> rate) {
        String from = mailFrom.orElseThrow(() -> new IllegalArgumentException("mailFrom is required: the sender of the "
                + "drop's receipts, pickup codes and waitlist claims, an SES identity verified in the stack's region "
                + "(the address or its domain). Pass it as -c mailFrom=orders@shop.example or "
                + "-c \"mailFrom=Shop <orders@shop.example>\" (docs/notifications.md, Deploy)"));
        Matcher matcher = FROM.matcher(from);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("mailFrom " + from + " is not one address (orders@shop.example) or a "
                    + "name and one address (Shop <orders@shop.example>)");
        }
        String address = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        configurationSet.ifPresent(name -> {
            if (!CONFIGURATION_SET.matcher(name).matches()) {
                throw new IllegalArgumentException("mailConfigurationSet " + name + " is not an SES configuration set "
                        + "name (letters, digits, _ and -, at most 64)");
            }
        });
        String perSecond = rate.orElse(DEFAULT_RATE);
        double parsed;
        try {
            parsed = Double.parseDouble(perSecond);
        } catch (NumberFormatException e) {
            parsed = Double.NaN;
        }
        if (!(parsed > 0) || Double.isInfinite(parsed)) {
            throw new IllegalArgumentException("mailRate " + perSecond + " is not a positive number of mails a second");
        }
        return new MailSettings(from, address, configurationSet, perSecond);
    }

    /** The same settings sending through configuration set {@code set}. */
    MailSettings withConfigurationSet(String set) {
        return new MailSettings(from, address, Optional.of(set), rate);
    }

    /** The part after the @: SES authorizes a send against the address's identity or, if only that is verified, its domain's. */
    public String domain() {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    /** The SES identities the function may send as: the address and its domain. */
    public List<String> identities() {
        return List.of(address, domain());
    }

    /**
     * {@code actions} as the sender only: SES authorizes a send against the sender's identity (the address's, or its
     * domain's when only the domain is verified) and, with a configuration set, against the set too.
     */
    PolicyStatement sendStatement(Stack stack, List<String> actions) {
        String prefix = "arn:" + stack.getPartition() + ":ses:" + stack.getRegion() + ":" + stack.getAccount() + ":";
        List<String> resources = new ArrayList<>();
        identities().forEach(identity -> resources.add(prefix + "identity/" + identity));
        configurationSet.ifPresent(set -> resources.add(prefix + "configuration-set/" + set));
        return PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(actions).resources(resources).build();
    }
}
