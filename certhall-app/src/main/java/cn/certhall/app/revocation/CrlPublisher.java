package cn.certhall.app.revocation;

import cn.certhall.pki.OwnerOnlyFiles;
import cn.certhall.app.CerthallProperties;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.persistence.RevocationRepository;
import cn.certhall.app.persistence.RevocationRepository.CrlRecord;
import cn.certhall.pki.crl.CrlBuilder;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditLog;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.AtomicMoveNotSupportedException;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Issues each CA's CRL: on every revocation (within a second, several revocations coalescing into
 * one CRL), on schedule before nextUpdate, and at start when none is on disk. The entries stream
 * from the database into the engine's CRL builder, so the size of the CRL never sits in memory.
 * The DER lies in {@code <data-dir>/crl/<ca>.crl}, replaced atomically; the database keeps the
 * number, times and hash of every CRL issued.
 */
public class CrlPublisher {
  private static final Logger log = LoggerFactory.getLogger(CrlPublisher.class);

  private final CaRegistry cas;
  private final RevocationRepository revocations;
  private final CerthallProperties.Revocation config;
  private final Path directory;
  private final AuditLog audit;
  private final Clock clock;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();

  public CrlPublisher(
      CaRegistry cas,
      RevocationRepository revocations,
      CerthallProperties.Revocation config,
      Path dataDir,
      AuditLog audit,
      Clock clock) {
    this.audit = audit;
    this.cas = cas;
    this.revocations = revocations;
    this.config = config;
    this.directory = dataDir.resolve("crl");
    this.clock = clock;
  }

  /** The current CRL file of a CA, if one has been issued. */
  public Optional<Path> file(String caName) {
    Path file = directory.resolve(caName + ".crl");
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  public Optional<CrlRecord> latest(String caName) {
    return revocations.latestCrl(caName);
  }

  /** Asks for a new CRL of the CA soon (see {@link #publishPending}). */
  public void requestPublish(String caName) {
    pending.add(caName);
  }

  @Scheduled(fixedDelay = 1000, initialDelay = 1000)
  public void publishPending() {
    for (String ca : Set.copyOf(pending)) {
      pending.remove(ca);
      try {
        publish(ca);
      } catch (RuntimeException e) {
        pending.add(ca);
        log.error("CRL of {} could not be issued; retrying: {}", ca, e.toString());
      }
    }
  }

  /** Re-issues every CRL that is missing or whose nextUpdate is near. */
  @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
  public void publishDue() {
    Instant due = clock.instant().plus(config.crlRepublishBefore());
    for (CertificateAuthority ca : cas.all()) {
      Optional<CrlRecord> latest = revocations.latestCrl(ca.name());
      if (file(ca.name()).isEmpty() || latest.isEmpty() || !latest.get().nextUpdate().isAfter(due)) {
        requestPublish(ca.name());
      }
    }
    publishPending();
  }

  /** Issues a new CRL for the CA now. */
  public synchronized CrlRecord publish(String caName) {
    CertificateAuthority ca =
        cas.find(caName).orElseThrow(() -> new IllegalArgumentException("no CA " + caName));
    long number = revocations.lastCrlNumber(caName) + 1;
    Instant thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant nextUpdate = thisUpdate.plus(config.crlValidity());
    long started = System.nanoTime();
    try {
      OwnerOnlyFiles.createDirectories(directory);
      Path tmp = Files.createTempFile(directory, caName, ".crl.tmp");
      try (CrlBuilder crl =
          ca.newCrl(BigInteger.valueOf(number), thisUpdate, nextUpdate, directory)) {
        revocations.forEachRevoked(caName, crl::add);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        long size;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha256)) {
          size = crl.writeTo(out);
        }
        CrlRecord record =
            new CrlRecord(
                caName,
                number,
                thisUpdate,
                nextUpdate,
                crl.count(),
                size,
                HexFormat.of().formatHex(sha256.digest()));
        revocations.insertCrl(record);
        move(tmp, directory.resolve(caName + ".crl"));
        audit.record(
            Actor.SYSTEM,
            AuditAction.CRL_ISSUED,
            caName,
            "CRL #" + number + ", " + record.entries() + " entries, next update " + nextUpdate
                + ", SHA-256 " + record.sha256());
        log.info(
            "issued CRL {} #{} with {} entries ({} bytes) in {} ms",
            caName,
            number,
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
