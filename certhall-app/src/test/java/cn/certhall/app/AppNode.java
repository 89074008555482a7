package cn.certhall.app;

/**
 * Where a test's HTTP requests go: one node of the application (in this JVM or a process of its
 * own), or a load balancer in front of several.
 */
public interface AppNode {
  /** The absolute URL of {@code path} (which starts with {@code /}) on this node. */
  String url(String path);
}
