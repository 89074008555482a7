package cn.certhall.bench;

import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.issuance.IssuedCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.operator.ContentSigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CA engine alone, per algorithm: how many raw signatures the issuing CA's key makes per
 * second, and how many organization certificates the engine issues per second with that key (ledger
 * in memory, discarding). Issuance can be at most as fast as raw signing; the ratio of the two is
 * the engine's own overhead (building, encoding, the serial, the ledger calls).
 *
 * <p>Threads come from the command line ({@code -t 1}, {@code -t 2}); all threads share one CA, as
 * the application's request threads do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBenchmark {

  @Param({"SM2", "EC_P256", "RSA_2048"})
  public String algorithm;

  private BenchHierarchy hierarchy;
  private String keyAlias;

  /** As many bytes as the TBSCertificate of an organization certificate of this CA. */
  private byte[] tbs;

  @Setup(Level.Trial)
  public void setUp() {
    hierarchy = new BenchHierarchy(KeyAlgorithm.parse(algorithm), new DiscardingLedger());
    keyAlias = hierarchy.issuing.keyAlias();
    IssuedCertificate sample = hierarchy.issuing.issue(hierarchy.request);
    tbs = BenchHierarchy.tbs(sample);
    System.out.printf(
        "%n%s: organization certificate %d bytes, TBSCertificate %d bytes%n",
        algorithm, sample.der().length, tbs.length);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    hierarchy.close();
  }

  /**
   * One signature by the CA key over a TBSCertificate-sized input, along the engine's own path: a
   * fresh {@link ContentSigner} from the key store, the bytes written to it, the signature taken.
   */
  @Benchmark
  public byte[] rawSign() throws IOException {
    ContentSigner signer = hierarchy.keys.signer(keyAlias);
    OutputStream out = signer.getOutputStream();
    out.write(tbs);
    return signer.getSignature();
  }

  /** One organization certificate: request checks, serial, reservation, build, sign, record. */
  @Benchmark
  public IssuedCertificate issue() {
    return hierarchy.issuing.issue(hierarchy.request);
  }
}
