package io.paddock.quorum.transport;

import io.paddock.quorum.core.Message;
import io.paddock.quorum.core.Role;
import io.paddock.quorum.core.Vote;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnGen;
import io.paddock.txn.TxnOp;
import io.paddock.txn.Zxid;
import java.util.ArrayList;
import java.util.List;

/** One message of every kind, with realistic values, for codec and transport tests. */
final class Messages {
  private Messages() {}

  static List<Message> everyKind(long seed) {
    long epoch = 3;
    long zxid = Zxid.of(epoch, 41);
    TxnGen gen = new TxnGen(seed, zxid + 1);
    List<Txn> entries = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      entries.add(gen.next());
    }
    Txn next = gen.next();
    Txn draft =
        new Txn(
            0,
            0,
            0x0100_0000_0000_0001L,
            17,
            next.authIds(),
            new TxnOp.SetData("/app/cfg", new byte[] {1, 2, 3}, 4));
    long syncId = 0x5eed_0000_1234L + seed;
    return List.of(
        new Message.Notification(7, Role.LOOKING, new Vote(2, zxid, epoch), false),
        new Message.LearnerInfo(syncId, epoch, epoch - 1, zxid, true),
        new Message.LeaderInfo(syncId, epoch + 1),
        new Message.AckEpoch(syncId, epoch + 1, epoch, zxid, true),
        new Message.Sync(
            syncId, epoch + 1, Message.SyncMode.DIFF, zxid - 25, entries, zxid + 25, zxid),
        new Message.AckNewLeader(syncId, zxid + 25),
        new Message.UpToDate(syncId, epoch + 1, zxid + 25),
        new Message.Proposal(epoch + 1, zxid + 25, next),
        new Message.Ack(syncId, zxid + 26),
        new Message.Commit(epoch + 1, zxid + 26),
        new Message.Inform(epoch + 1, zxid + 25, next),
        new Message.Ping(epoch + 1, syncId, zxid + 26),
        new Message.PingReply(syncId, zxid + 26, zxid + 26),
        new Message.Resync(syncId, "proposal " + Zxid.toHex(zxid) + " does not follow the log"),
        new Message.NewEpoch(epoch + 2),
        new Message.AckNewEpoch(syncId, epoch + 2),
        new Message.ForwardWrite(syncId, 1, draft),
        new Message.ForwardSync(syncId, 2, 99),
        new Message.SyncDone(99, zxid + 26),
        new Message.Touches(List.of(0x0100_0000_0000_0001L, 0x0200_0000_0000_0002L)));
  }
}
