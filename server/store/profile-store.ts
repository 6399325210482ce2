/**
 * The store methods profiles and the moderators' context read (issue 15): the debates a user had a
 * part in (host or debater on the roster). Both adapters implement them; the contract is in
 * contract-profiles.ts.
 */

export interface ProfileStore {
  /**
   * Ids of the debates whose roster names the user, as host or as a debater of any position, newest
   * first (by creation, then id), at most `limit`. Reads only.
   */
  listDebateIdsOfUser(userId: string, limit: number): Promise<string[]>;
}
