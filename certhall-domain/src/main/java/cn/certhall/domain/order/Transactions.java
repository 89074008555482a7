package cn.certhall.domain.order;

import java.util.function.Supplier;

/** Runs a piece of work atomically: everything it stores is kept, or nothing is. */
public interface Transactions {

  <T> T inTransaction(Supplier<T> work);
}
