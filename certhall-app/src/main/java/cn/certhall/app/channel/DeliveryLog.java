package cn.certhall.app.channel;

import cn.certhall.app.persistence.ChannelDeliveryRepository;
import cn.certhall.app.persistence.ChannelDeliveryRepository.Attempt;
import cn.certhall.app.persistence.ChannelDeliveryRepository.Delivery;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The webhook delivery log an administrator reads (every delivery, every attempt with its answer or
 * error) and replays from, on the console's page {@code /console/admin/deliveries} ({@code
 * console.ChannelConsoleController}).
 */
public final class DeliveryLog {
  private final ChannelDeliveryRepository deliveries;
  private final Clock clock;

  public DeliveryLog(ChannelDeliveryRepository deliveries, Clock clock) {
    this.deliveries = deliveries;
    this.clock = clock;
  }

  /**
   * Deliveries, newest first.
   *
   * @param channelId one channel's, or null for all
   * @param pendingOnly only those not yet accepted (pending, or given up)
   */
  public List<Delivery> deliveries(String channelId, boolean pendingOnly, int limit) {
    return deliveries.list(channelId, null, pendingOnly, limit);
  }

  public Optional<Delivery> delivery(long id) {
    return deliveries.find(id);
  }

  /** The attempts of one delivery, first first. */
  public List<Attempt> attempts(long deliveryId) {
    return deliveries.attempts(deliveryId);
  }

  /**
   * Sends the delivery again at the next poll, with a new timestamp and signature and the same body
   * and event id (so the channel can tell it already has it). A pending delivery is tried at once
   * instead of after its back-off, and a given-up one is tried again, its failures forgotten.
   *
   * @return false if there is no such delivery
   */
  public boolean replay(long deliveryId) {
    return deliveries.replay(deliveryId, clock.instant());
  }
}
