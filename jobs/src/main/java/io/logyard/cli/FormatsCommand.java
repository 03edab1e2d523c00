package io.logyard.cli;

import io.logyard.format.FormatDocs;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "formats", mixinStandardHelpOptions = true,
    description = {"List the log formats and their fields (Markdown, as in jobs/README.md)."})
final class FormatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(FormatDocs.markdown());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
