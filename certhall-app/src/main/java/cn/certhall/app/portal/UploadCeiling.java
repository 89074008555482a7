package cn.certhall.app.portal;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * An upload larger than the servlet container will parse ({@code
 * spring.servlet.multipart.max-request-size}) would otherwise end as an error page: the container
 * refuses to read the multipart body, so not even the CSRF field is found. Such a request to a
 * materials upload (or a renewal's or change's new 印章采集表) is answered, before Spring Security, with
 * a redirect to the materials page (the confirmation), which shows the "file too large" message
 * beside that material. Nothing is read or stored, and the redirect changes nothing, so it needs no
 * CSRF check.
 *
 * <p>Files between the materials limit ({@code certhall.materials.max-size}, 10 MB) and this
 * ceiling are parsed and refused by the upload rules with the same message.
 */
@Configuration(proxyBeanMethods = false)
public class UploadCeiling {
  static final Pattern UPLOAD =
      Pattern.compile("/apply/([A-Za-z0-9]{1,32})/materials/([A-Z_]{1,32})");

  /** The optional 印章采集表 of a renewal or change, on its confirmation. */
  static final Pattern SEAL_FORM = Pattern.compile("/lifecycle/([A-Za-z0-9]{1,32})/seal-form");

  @Bean
  FilterRegistrationBean<Filter> uploadCeilingFilter(
      @Value("${spring.servlet.multipart.max-request-size:64MB}") DataSize ceiling) {
    Filter filter =
        (req, res, chain) -> {
          HttpServletRequest request = (HttpServletRequest) req;
          Matcher upload = UPLOAD.matcher(request.getRequestURI());
          Matcher sealForm = SEAL_FORM.matcher(request.getRequestURI());
          String page = null;
          if (upload.matches()) {
            page = "/apply/" + upload.group(1) + "/materials?tooLarge=" + upload.group(2);
          } else if (sealForm.matches()) {
            page = "/lifecycle/" + sealForm.group(1) + "/confirm?tooLarge=SEAL_COLLECTION_FORM";
          }
          if ("POST".equals(request.getMethod())
              && page != null
              && request.getContentLengthLong() > ceiling.toBytes()) {
            HttpServletResponse response = (HttpServletResponse) res;
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + page);
            return;
          }
          chain.doFilter(req, res);
        };
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns("/apply/*", "/lifecycle/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
    registration.setName("uploadCeilingFilter");
    return registration;
  }
}
