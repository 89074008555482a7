package cn.certhall.app.outside;

import cn.certhall.documents.outside.PdfLimits;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What a PDF from outside (验章, materials, channels' documents to seal) may cost before it is
 * refused ({@code certhall.outside-pdf}); see docs/security.md.
 *
 * @param maxStreamSize the most one stream may decode to (checked while inflating)
 * @param maxDecodedSize the most all decoding of one document may produce together
 * @param maxPages the most pages
 * @param maxObjects the most indirect objects
 * @param maxImagePixels the most pixels an image inside may declare
 * @param timeBudget how long decoding one document may go on
 */
@ConfigurationProperties("certhall.outside-pdf")
public record OutsidePdfProperties(
    @DefaultValue("64MB") DataSize maxStreamSize,
    @DefaultValue("256MB") DataSize maxDecodedSize,
    @DefaultValue("1000") int maxPages,
    @DefaultValue("200000") int maxObjects,
    @DefaultValue("40000000") long maxImagePixels,
    @DefaultValue("10s") Duration timeBudget) {

  public PdfLimits limits() {
    return new PdfLimits(
        maxStreamSize.toBytes(),
        maxDecodedSize.toBytes(),
        maxPages,
        maxObjects,
        maxImagePixels,
        timeBudget);
  }
}
