package io.chronos.spring.boot;

import io.chronos.executor.filesystem.FileSystemSettings;
import io.chronos.executor.http.HttpExecutorSettings;
import io.chronos.executor.script.ScriptSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the built-in executors, under {@code chronos.executors}. */
@ConfigurationProperties("chronos.executors")
public class ChronosExecutorProperties {

  /** The HTTP executor. */
  private final Http http = new Http();

  /** The SCRIPT executor. */
  private final Script script = new Script();

  /** The FILE_SYSTEM executor. */
  private final FileSystem fileSystem = new FileSystem();

  public Http getHttp() {
    return http;
  }

  public Script getScript() {
    return script;
  }

  public FileSystem getFileSystem() {
    return fileSystem;
  }

  /** {@code chronos.executors.http.*}. */
  public static class Http {
    /**
     * Host names, IP addresses and CIDR blocks jobs may call even though SSRF protection would
     * refuse them (an internal API, say).
     */
    private List<String> allowList = new ArrayList<>();

    /**
     * Whether jobs owned by ADMINs (and system jobs) are SSRF-checked too; USER jobs always are.
     */
    private boolean ssrfProtectionForAdminJobs = false;

    /** Connect timeout of jobs that set none. */
    private Duration connectTimeout = HttpExecutorSettings.DEFAULT_CONNECT_TIMEOUT;

    /** Request timeout of jobs that set none. */
    private Duration requestTimeout = HttpExecutorSettings.DEFAULT_REQUEST_TIMEOUT;

    /** Redirects followed at most, for jobs that enable redirects. */
    private int maxRedirects = HttpExecutorSettings.DEFAULT_MAX_REDIRECTS;

    public List<String> getAllowList() {
      return allowList;
    }

    public void setAllowList(List<String> allowList) {
      this.allowList = allowList;
    }

    public boolean isSsrfProtectionForAdminJobs() {
      return ssrfProtectionForAdminJobs;
    }

    public void setSsrfProtectionForAdminJobs(boolean enabled) {
      this.ssrfProtectionForAdminJobs = enabled;
    }

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    public Duration getRequestTimeout() {
      return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
    }

    public int getMaxRedirects() {
      return maxRedirects;
    }

    public void setMaxRedirects(int maxRedirects) {
      this.maxRedirects = maxRedirects;
    }

    HttpExecutorSettings toSettings() {
      return HttpExecutorSettings.builder()
          .allowList(allowList)
          .ssrfProtectionForAdminJobs(ssrfProtectionForAdminJobs)
          .defaultConnectTimeout(connectTimeout)
          .defaultRequestTimeout(requestTimeout)
          .maxRedirects(maxRedirects)
          .build();
    }
  }

  /** {@code chronos.executors.script.*}. */
  public static class Script {
    /**
     * Extra languages: name to interpreter path (e.g. {@code ruby: /usr/bin/ruby}); the built-in
     * shell, bash and python3 stay.
     */
    private Map<String, String> interpreters = new LinkedHashMap<>();

    /**
     * Host environment variables a script may see (besides the job's own); default PATH, LANG...
     */
    private @Nullable List<String> envAllowList;

    /** When set, a script's working directory must lie inside this directory. */
    private @Nullable Path workingDirBase;

    public Map<String, String> getInterpreters() {
      return interpreters;
    }

    public void setInterpreters(Map<String, String> interpreters) {
      this.interpreters = interpreters;
    }

    public @Nullable List<String> getEnvAllowList() {
      return envAllowList;
    }

    public void setEnvAllowList(@Nullable List<String> envAllowList) {
      this.envAllowList = envAllowList;
    }

    public @Nullable Path getWorkingDirBase() {
      return workingDirBase;
    }

    public void setWorkingDirBase(@Nullable Path workingDirBase) {
      this.workingDirBase = workingDirBase;
    }

    ScriptSettings toSettings() {
      ScriptSettings settings = ScriptSettings.defaults();
      for (Map.Entry<String, String> e : interpreters.entrySet()) {
        settings = settings.withInterpreter(e.getKey(), e.getValue());
      }
      if (envAllowList != null) {
        settings = settings.withEnvAllowList(envAllowList.toArray(String[]::new));
      }
      return settings.withWorkingDirBase(workingDirBase);
    }
  }

  /** {@code chronos.executors.file-system.*}. */
  public static class FileSystem {
    /** The directory every FILE_SYSTEM path must stay inside; without it such jobs are refused. */
    private @Nullable Path baseDir;

    /** Whether only ADMINs may create FILE_SYSTEM jobs. */
    private boolean adminOnly = true;

    public @Nullable Path getBaseDir() {
      return baseDir;
    }

    public void setBaseDir(@Nullable Path baseDir) {
      this.baseDir = baseDir;
    }

    public boolean isAdminOnly() {
      return adminOnly;
    }

    public void setAdminOnly(boolean adminOnly) {
      this.adminOnly = adminOnly;
    }

    FileSystemSettings toSettings() {
      return FileSystemSettings.defaults().withBaseDir(baseDir).withAdminOnly(adminOnly);
    }
  }
}
