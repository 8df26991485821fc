package io.paddock.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.config.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The command table against a backend that never answers: errors are values, not exceptions. */
class AdminCommandsTest {
  private static final class SilentBackend implements AdminBackend {
    int calls;

    @Override
    public ServerFigures figures(Set<ServerFigures.Detail> details)
        throws AdminUnavailableException {
      calls++;
      throw new AdminUnavailableException("the server did not answer within 5000 ms");
    }

    @Override
    public void resetServerStats() throws AdminUnavailableException {
      calls++;
      throw new AdminUnavailableException("no answer");
    }

    @Override
    public void resetConnectionStats() throws AdminUnavailableException {
      calls++;
      throw new AdminUnavailableException("no answer");
    }

    @Override
    public QuorumFigures quorum() {
      return QuorumFigures.standalone();
    }

    @Override
    public SnapshotTaken takeSnapshot() throws AdminUnavailableException {
      calls++;
      throw new AdminUnavailableException("no answer");
    }
  }

  private final SilentBackend backend = new SilentBackend();
  private final AdminCommands commands =
      new AdminCommands(backend, ServerConfig.builder(Path.of("/nonexistent")).build(), 2181);

  @Test
  void aStuckServerGives503WithTheReason() {
    for (String name :
        List.of("ruok", "mntr", "wchc", "dump", "srst", "crst", "leader", "snapshot")) {
      AdminCommands.Result r = commands.run(name);
      assertThat(r.status()).as(name).isEqualTo(503);
      assertThat(r.error()).as(name).containsAnyOf("no answer", "did not answer");
      assertThat(r.body().get("command")).isEqualTo(commands.find(name).orElseThrow().name());
    }
    assertThat(backend.calls).isEqualTo(8);
  }

  @Test
  void commandsNeedingNoServerStateStillAnswer() {
    AdminCommands.Result conf = commands.run("conf");
    assertThat(conf.status()).isEqualTo(200);
    assertThat(conf.body()).containsEntry("client_port", 2181).containsEntry("error", null);
    AdminCommands.Result dirs = commands.run("dirs");
    assertThat(dirs.body()).containsEntry("datadir_size", 0L); // a missing directory holds 0 bytes
    assertThat(commands.run("isro").body()).containsEntry("read_only", false);
    assertThat(backend.calls).isZero();
  }

  @Test
  void everyNameAndAliasIsUnique() {
    List<String> names = new ArrayList<>();
    for (AdminCommands.Command c : commands.commands()) {
      names.add(c.name());
      names.addAll(c.aliases());
    }
    assertThat(names).doesNotHaveDuplicates();
    assertThat(names).allSatisfy(n -> assertThat(commands.find(n)).isPresent());
    assertThat(commands.find("nope")).isEmpty();
    assertThat(commands.run("nope").status()).isEqualTo(404);
  }
}
