package cn.certhall.app.material;

import cn.certhall.domain.material.UploadLimits;
import java.nio.file.Path;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the materials upload (资料上传). Absent values take {@link UploadLimits#DEFAULT}.
 *
 * @param storage where the files are kept: {@code database} (the default: table {@code
 *     material_file}, which every node reads) or {@code filesystem} ({@code directory}; several
 *     nodes then need it on shared storage)
 * @param directory the files' directory with {@code filesystem}; with {@code database}, files an
 *     older version left there are copied into the database at start ({@code <data-dir>/materials})
 * @param maxSize the largest file accepted (10MB)
 * @param maxPixels the most pixels an image may declare (40000000)
 * @param maxPdfPages the most pages of a PDF (20)
 * @param minShortSide a photo with a shorter side below this many pixels is flagged (600)
 * @param minSharpness a photo whose Laplacian variance is lower is flagged as blurred (30)
 */
@ConfigurationProperties("certhall.materials")
public record MaterialProperties(
    String storage,
    Path directory,
    DataSize maxSize,
    Long maxPixels,
    Integer maxPdfPages,
    Integer minShortSide,
    Double minSharpness) {

  /** {@code database} (also when unset) or {@code filesystem}, as written, in lower case. */
  @Override
  public String storage() {
    return storage == null || storage.isBlank()
        ? "database"
        : storage.strip().toLowerCase(Locale.ROOT);
  }

  public UploadLimits limits() {
    UploadLimits d = UploadLimits.DEFAULT;
    return new UploadLimits(
        maxSize == null ? d.maxBytes() : maxSize.toBytes(),
        maxPixels == null ? d.maxPixels() : maxPixels,
        maxPdfPages == null ? d.maxPdfPages() : maxPdfPages,
        minShortSide == null ? d.minShortSidePixels() : minShortSide,
        minSharpness == null ? d.minSharpness() : minSharpness);
  }
}
