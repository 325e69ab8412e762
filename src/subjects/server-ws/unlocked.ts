import { withMember, type Member, type Room } from './room.js';

/**
 * The racy room: join and leave load the roster, await its save, and store
 * a copy (a concurrent join or leave is lost); broadcast walks the live
 * roster by index with an await per delivery, so a join or leave during it
 * shifts the index: a member skipped or delivered to twice.
 */
export function unlockedRoom(): Room {
  let members: Member[] = [];
  return {
    async join(h, member) {
      await h.step('load roster');
      const roster = withMember(members, member);
      await h.step('save roster');
      members = roster;
      h.note(members.map((m) => m.name).join(' '));
    },
    async leave(h, member) {
      await h.step('load roster');
      const roster = members.filter((m) => m !== member);
      await h.step('save roster');
      members = roster;
      h.note(members.map((m) => m.name).join(' '));
    },
    async broadcast(h, message, sender) {
      for (let i = 0; i < members.length; i++) {
        const m = members[i]!;
        if (m.client === sender) continue;
        await h.step(`deliver to ${m.name}`);
        m.deliver(message);
      }
    },
  };
}
