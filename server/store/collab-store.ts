/**
 * Store methods for collaborative documents (Yjs) and the debate roster they are permitted by.
 * Filled in with issue 5's work; both adapters implement every method here.
 */
export interface CollabStore {}
