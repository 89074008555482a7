package cn.certhall.domain.issuance;

import cn.certhall.domain.material.Material;
import cn.certhall.domain.material.MaterialKind;
import cn.certhall.domain.material.MaterialService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Port: the seal collection form (印章采集表) of an order, whose impression the seal is made from.
 * {@link #of(MaterialService)} is the rule: the current (latest) upload of that material, as the
 * reviewer approved it.
 */
@FunctionalInterface
public interface CollectionForms {

  /** The file's bytes, or empty when the order has no seal collection form. */
  Optional<byte[]> latest(String orderId);

  /** No order has a form: every seal is drawn from the name. */
  static CollectionForms none() {
    return orderId -> Optional.empty();
  }

  /**
   * The latest {@link MaterialKind#SEAL_COLLECTION_FORM} of the order from its materials.
   *
   * @throws UncheckedIOException if the row names a file the store cannot read (the issuance waits
   *     and is retried, rather than making a seal the applicant did not ask for)
   */
  static CollectionForms of(MaterialService materials) {
    return orderId -> {
      Optional<Material> form =
          materials.current(orderId).stream()
              .filter(m -> m.kind() == MaterialKind.SEAL_COLLECTION_FORM)
              .findFirst();
      if (form.isEmpty()) {
        return Optional.empty();
      }
      Material material = form.get();
      try (InputStream in =
          materials
              .open(material)
              .orElseThrow(
                  () ->
                      new UncheckedIOException(
                          new IOException(
                              "stored file "
                                  + material.sha256()
                                  + " of order "
                                  + orderId
                                  + " is missing")))) {
        return Optional.of(in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }
}
