package cn.certhall.domain.material;

import java.util.List;

/** The rows that tie stored files to orders: only added, never changed. */
public interface MaterialRepository {

  /**
   * Adds a version of a material.
   *
   * @throws ConcurrentUploadException if that version of the order's kind exists already (two
   *     uploads of the same kind raced); then nothing is stored
   */
  void insert(Material material);

  /** The highest version of each kind the order has, in {@link MaterialKind} order. */
  List<Material> current(String orderId);

  /** Every version of every kind of the order, by kind, then oldest first. */
  List<Material> history(String orderId);
}
