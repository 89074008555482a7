package cn.certhall.app.sealing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Cloud sealing and the seal app ({@code certhall.sealing}).
 *
 * @param requestLifetime how long a signing request and its QR link stay usable
 * @param maxDocumentSize the largest PDF a channel may send to be sealed
 * @param sealWidthMm the seal's width on the page when the channel does not say (the 42 mm 公章)
 * @param requestRetention how long a signing request, its PDF and the sealed PDF are kept after it
 *     was made; then they are deleted (the channel has fetched the sealed PDF long before)
 * @param purgeInterval how often requests past their retention are deleted
 */
@ConfigurationProperties("certhall.sealing")
public record SealingProperties(
    @DefaultValue("10m") Duration requestLifetime,
    @DefaultValue("10MB") DataSize maxDocumentSize,
    @DefaultValue("42") float sealWidthMm,
    @DefaultValue("30d") Duration requestRetention,
    @DefaultValue("1h") Duration purgeInterval) {}
