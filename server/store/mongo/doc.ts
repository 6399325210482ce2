/** Stored documents are the store's records with mongoose's `_id` in place of `id`. */
export type MongoDoc<T extends { id: string }> = Omit<T, 'id'> & { _id: string };
