package cn.certhall.app.revocation;

import cn.certhall.app.CerthallProperties;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.persistence.CrlRepository;
import cn.certhall.app.persistence.CrlRepository.CrlRecord;
import cn.certhall.app.persistence.CrlRepository.Lease;
import cn.certhall.app.persistence.RevocationRepository;
import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.pki.OwnerOnlyFiles;
import cn.certhall.pki.crl.CrlBuilder;
import cn.certhall.pki.issuance.CertificateAuthority;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Issues each CA's CRL and hands out the latest one, on every node of one database.
 *
 * <p>CRLs live in the database ({@link CrlRepository}): number, times, hash and DER. A CRL is
 * published on request (a revocation on any node counts one in the database; each node looks every
 * second, several revocations coalescing into one CRL), on schedule before nextUpdate, and at start
 * when the database has none. Whichever node publishes first takes the CA's lease and its next
 * number; the others find the lease taken or the request answered. The entries stream from the
 * database into the engine's CRL builder and the signed DER is streamed back, so the size of the
 * CRL never sits in memory.
 *
 * <p>Each node serves the latest stored CRL from its own copy, {@code
 * <data-dir>/crl/<ca>/<number>.crl}: a request costs one indexed query for the latest number, and
 * the DER is fetched once per new number.
 */
public class CrlPublisher {
  private static final Logger log = LoggerFactory.getLogger(CrlPublisher.class);

  private final CaRegistry cas;
  private final RevocationRepository revocations;
  private final CrlRepository crls;
  private final CerthallProperties.Revocation config;
  private final Path directory;
  private final AuditLog audit;
  private final Clock clock;
  private final Map<String, Served> served = new ConcurrentHashMap<>();

  public CrlPublisher(
      CaRegistry cas,
      RevocationRepository revocations,
      CrlRepository crls,
      CerthallProperties.Revocation config,
      Path dataDir,
      AuditLog audit,
      Clock clock) {
    this.cas = cas;
    this.revocations = revocations;
    this.crls = crls;
    this.config = config;
    this.directory = dataDir.resolve("crl");
    this.audit = audit;
    this.clock = clock;
  }

  /** The latest CRL of a CA: its number, nextUpdate and this node's copy of its DER. */
  public record Served(long number, Instant nextUpdate, Path file) {}

  /** The latest CRL of the CA in the database, if one has been issued. */
  public Optional<Served> current(String caName) {
    Optional<CrlRecord> latest = crls.latest(caName);
    if (latest.isEmpty()) {
      return Optional.empty();
    }
    Served mine = served.get(caName);
    if (mine != null && mine.number() >= latest.get().number()) {
      return Optional.of(mine);
    }
    return Optional.of(fetch(latest.get()));
  }

  /** Copies a CRL another node published from the database to this node's directory. */
  private Served fetch(CrlRecord crl) {
    try {
      Path dir = OwnerOnlyFiles.createDirectories(directory.resolve(crl.caName()));
      Path file = dir.resolve(crl.number() + ".crl");
      if (!Files.isRegularFile(file)) {
        Path tmp = Files.createTempFile(dir, String.valueOf(crl.number()), ".tmp");
        try {
          boolean found;
          try (OutputStream out = Files.newOutputStream(tmp)) {
            found = crls.copyDer(crl.caName(), crl.number(), out);
          }
          if (!found) {
            throw new IllegalStateException(
                "CRL #" + crl.number() + " of " + crl.caName() + " vanished");
          }
          move(tmp, file);
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
      return keep(crl.caName(), new Served(crl.number(), crl.nextUpdate(), file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the CRL of " + crl.caName(), e);
    }
  }

  /**
   * Makes {@code crl} the one this node serves unless it already serves a newer one, and deletes
   * the copies older than the one it replaces (that one may still be on its way to a client).
   */
  private Served keep(String caName, Served crl) {
    Served before = served.get(caName);
    Served now =
        served.merge(caName, crl, (old, fresh) -> fresh.number() > old.number() ? fresh : old);
    if (before != null && now != before) {
      deleteOlderThan(caName, before.number());
    }
    return now;
  }

  private void deleteOlderThan(String caName, long number) {
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(directory.resolve(caName), "*.crl")) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        try {
          if (Long.parseLong(name.substring(0, name.length() - ".crl".length())) < number) {
            Files.deleteIfExists(f);
          }
        } catch (NumberFormatException e) {
          // not one of ours
        }
      }
    } catch (IOException e) {
      log.warn("old CRL copies of {} not deleted: {}", caName, e.toString());
    }
  }

  /** Asks, through the database, for a new CRL of the CA soon (see {@link #publishPending}). */
  public void requestPublish(String caName) {
    crls.request(caName);
  }

  /**
   * Publishes the CRLs any node asked for, every {@code certhall.revocation.crl-request-poll} (a
   * quarter of a second: one small SELECT, so a revocation is on every node's CRL within a second).
   */
  @Scheduled(
      fixedDelayString = "${certhall.revocation.crl-request-poll:250ms}",
      initialDelayString = "${certhall.revocation.crl-request-poll:250ms}")
  public void publishPending() {
    for (String ca : crls.requested(clock.instant())) {
      publishIfDue(ca);
    }
  }

  /**
   * Publishes every CRL that is missing or whose nextUpdate is near; every minute on one node
   * ({@code schedule.ScheduledJobs}).
   */
  public void publishDue() {
    for (CertificateAuthority ca : cas.all()) {
      Optional<CrlRecord> latest = crls.latest(ca.name());
      if (latest.isEmpty() || nearEnd(latest.get())) {
        publishIfDue(ca.name());
      }
    }
  }

  private boolean nearEnd(CrlRecord crl) {
    return !crl.nextUpdate().isAfter(clock.instant().plus(config.crlRepublishBefore()));
  }

  /** Publishes the CA's CRL if, under the lease, it is still wanted and nobody is at it. */
  private void publishIfDue(String caName) {
    try {
      crls.lease(
              caName,
              clock.instant(),
              config.crlLease(),
              (requested, latest) -> requested || latest.isEmpty() || nearEnd(latest.get()))
          .ifPresent(this::sign);
    } catch (RuntimeException e) {
      // the request stays in the database: the next round, on any node, tries again
      log.error("CRL of {} could not be issued; retrying: {}", caName, e.toString());
    }
  }

  /**
   * Issues a new CRL for the CA now, waiting for a publication under way on any node to end (at
   * most the lease time).
   */
  public CrlRecord publish(String caName) {
    long deadline = System.nanoTime() + config.crlLease().toNanos();
    while (true) {
      Optional<Lease> lease =
          crls.lease(caName, clock.instant(), config.crlLease(), (r, l) -> true);
      if (lease.isPresent()) {
        return sign(lease.get());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the CRL of " + caName + " stays leased by another publication");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "interrupted while waiting to publish the CRL of " + caName, e);
      }
    }
  }

  private CrlRecord sign(Lease lease) {
    String caName = lease.caName();
    boolean stored = false;
    try {
      CertificateAuthority ca =
          cas.find(caName).orElseThrow(() -> new IllegalArgumentException("no CA " + caName));
      Instant thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      Instant nextUpdate = thisUpdate.plus(config.crlValidity());
      long started = System.nanoTime();
      Path dir = OwnerOnlyFiles.createDirectories(directory.resolve(caName));
      Path tmp = Files.createTempFile(dir, String.valueOf(lease.number()), ".tmp");
      try (CrlBuilder crl =
          ca.newCrl(BigInteger.valueOf(lease.number()), thisUpdate, nextUpdate, dir)) {
        revocations.forEachRevoked(caName, crl::add);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        long size;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha256)) {
          size = crl.writeTo(out);
        }
        CrlRecord record =
            new CrlRecord(
                caName,
                lease.number(),
                thisUpdate,
                nextUpdate,
                crl.count(),
                size,
                HexFormat.of().formatHex(sha256.digest()));
        stored = crls.store(lease, record, tmp);
        if (!stored) {
          throw new IllegalStateException(
              "CRL #"
                  + lease.number()
                  + " of "
                  + caName
                  + " took longer than its lease ("
                  + config.crlLease()
                  + ") and was dropped");
        }
        Path file = dir.resolve(lease.number() + ".crl");
        move(tmp, file);
        keep(caName, new Served(lease.number(), nextUpdate, file));
        audit.record(
            Actor.SYSTEM,
            AuditAction.CRL_ISSUED,
            caName,
            "CRL #"
                + lease.number()
                + ", "
                + record.entries()
                + " entries, next update "
                + nextUpdate
                + ", SHA-256 "
                + record.sha256());
        log.info(
            "issued CRL {} #{} with {} entries ({} bytes) in {} ms",
            caName,
            lease.number(),
            record.entries(),
            size,
            (System.nanoTime() - started) / 1_000_000);
        return record;
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the CRL of " + caName, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } finally {
      if (!stored) {
        crls.release(lease);
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
