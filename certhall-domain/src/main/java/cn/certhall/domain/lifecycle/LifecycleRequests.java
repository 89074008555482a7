package cn.certhall.domain.lifecycle;

import java.util.List;
import java.util.Optional;

/** Port: the {@link LifecycleRequest} of each renewal, change and revocation order. */
public interface LifecycleRequests {

  /** Stores the request of a new order, in the transaction that stores the order. */
  void insert(LifecycleRequest request);

  Optional<LifecycleRequest> find(String orderId);

  /** Keeps the holder's signature of a revocation order (a second proof replaces the first). */
  void recordProof(String orderId, RevocationProof proof);

  /** Unfinished orders of any of the three types about the certificate. */
  List<String> unfinishedFor(String caName, String serialHex);

  /** Approved renewal, change and revocation orders the CA has not finished, oldest first. */
  List<String> approvedNotCarriedOut();
}
