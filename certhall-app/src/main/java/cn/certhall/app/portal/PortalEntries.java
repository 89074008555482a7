package cn.certhall.app.portal;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The portal home's entries, as the manual lists them (在线新办, 证书更新, 证书吊销, 订单查询). An entry is offered
 * as a link once a page answers at its path; until then the home says plainly that it is not open
 * yet. The paths are fixed here, so whoever builds a flow serves it at its entry's path.
 */
@Component
public class PortalEntries {

  /**
   * @param group message key of the manual's group; label: of the entry; path: its page
   */
  public record Entry(String group, String label, String path) {}

  /** One line of the home: an entry and whether its flow is built yet. */
  public record Shown(Entry entry, boolean available) {}

  static final List<Entry> ENTRIES =
      List.of(
          new Entry("home.group.new", "home.entry.newUnit", "/apply"),
          new Entry("home.group.renewal", "home.entry.renewal", "/renewal"),
          new Entry("home.group.renewal", "home.entry.change", "/change"),
          new Entry("home.group.revocation", "home.entry.revocation", "/revocation"),
          new Entry("home.group.query", "home.entry.query", "/orders"));

  private final RequestMappingHandlerMapping mappings;
  private volatile Set<String> served;

  public PortalEntries(
      @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
    this.mappings = mappings;
  }

  public List<Shown> shown() {
    Set<String> paths = servedPaths();
    return ENTRIES.stream().map(e -> new Shown(e, paths.contains(e.path()))).toList();
  }

  private Set<String> servedPaths() {
    Set<String> paths = served;
    if (paths == null) {
      paths =
          mappings.getHandlerMethods().keySet().stream()
              .map(RequestMappingInfo::getPatternValues)
              .flatMap(Set::stream)
              .collect(Collectors.toUnmodifiableSet());
      served = paths;
    }
    return paths;
  }
}
