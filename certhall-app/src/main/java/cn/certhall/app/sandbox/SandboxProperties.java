package cn.certhall.app.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sandbox: simulated SMS gateway, real-name verification and bank, whose messages can be read
 * at {@code /sandbox} and {@code /sandbox/api/messages}. On in the default run; must be off in
 * production, where it would let anyone pass a real-name check and read every code.
 *
 * @param enabled whether the sandbox adapters, page and API are on
 * @param payerAccountName the account the sandbox's micro-deposits come from
 */
@ConfigurationProperties("certhall.sandbox")
public record SandboxProperties(
    boolean enabled, @DefaultValue("certhall 沙箱付款账户") String payerAccountName) {}
