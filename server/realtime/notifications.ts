/**
 * Notifications to every open tab of their user (issue 15). The process that stored a notification
 * (or a read) emits to the user's room; socket.io's adapter takes it to the user's sockets on every
 * process when several share the work (REDIS_URL), so the topics stay in the publishing process.
 */
import type { Bus } from '../bus/bus.js';
import type { ParleyServer } from './types.js';
import { userRoom } from './types.js';

/** Starts forwarding; returns the function that stops. */
export function startNotificationBroadcasts(io: ParleyServer, bus: Bus): () => void {
  const stopNew = bus.subscribe('notificationNew', ({ userId, event }) => {
    io.to(userRoom(userId)).emit('notification:new', event);
  });
  const stopRead = bus.subscribe('notificationsRead', ({ userId, event }) => {
    io.to(userRoom(userId)).emit('notifications:read', event);
  });
  return () => {
    stopNew();
    stopRead();
  };
}
