package io.logyard.cli;

import io.logyard.config.ConfigKeys;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "config-keys", mixinStandardHelpOptions = true,
    description = {"List the configuration keys: type, default, meaning (Markdown, as in conf/README.md)."})
final class ConfigKeysCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(ConfigKeys.markdown());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
