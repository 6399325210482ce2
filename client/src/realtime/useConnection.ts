import { useSyncExternalStore } from 'react';
import { getConnectionState, subscribeConnection, type ConnectionState } from './socket.js';

/** The live connection's state; re-renders the caller when it changes. */
export function useConnection(): ConnectionState {
  return useSyncExternalStore(subscribeConnection, getConnectionState);
}
