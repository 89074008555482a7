package cn.certhall.app.sandbox;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sandbox: simulated SMS gateway, real-name verification and bank, whose messages can be read
 * at {@code /sandbox} and {@code /sandbox/api/messages}. On in the default run; must be off in
 * production, where it would let anyone pass a real-name check and read every code.
 *
 * @param enabled whether the sandbox adapters, page and API are on
 * @param payerAccountName the account the sandbox's micro-deposits come from
 * @param allowedInProduction the ports ({@code sms}, {@code real-name}, {@code bank-transfer},
 *     {@code payment}, {@code face-check}, {@code email}) whose sandbox {@code
 *     certhall.mode=production} accepts, for a trial before real providers are connected; empty:
 *     none, production refuses the sandbox
 */
@ConfigurationProperties("certhall.sandbox")
public record SandboxProperties(
    boolean enabled,
    @DefaultValue("certhall 沙箱付款账户") String payerAccountName,
    List<String> allowedInProduction) {}
