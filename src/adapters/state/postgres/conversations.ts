import type { ConversationAddress } from '../../../ports/messaging.js';
import type { ConversationStore } from '../../../ports/state/conversations.js';
import { approvalChannelSchema, operatorId, type ApprovalChannel } from '../../../ports/state/records.js';
import { json, type SqlClient } from './sql.js';

/** approval_channels is keyed by customer; '*' stands for "every customer without a channel of its own". */
const customerKey = (customerId: string | null): string => (customerId === null ? '*' : `c:${customerId}`);
const channels = (rows: { doc: unknown }[]): ApprovalChannel[] => rows.map((r) => approvalChannelSchema.parse(r.doc));

export function postgresConversations(sql: SqlClient): ConversationStore {
  return {
    async chosenCustomer(conversationId) {
      const rows = await sql.query<{ customer_id: string }>('SELECT customer_id FROM conversation_customers WHERE conversation_id = $1', [conversationId]);
      return rows[0]?.customer_id;
    },
    async chooseCustomer(conversationId, customerId) {
      await sql.query('INSERT INTO conversation_customers (conversation_id, customer_id) VALUES ($1, $2) ON CONFLICT (conversation_id) DO UPDATE SET customer_id = EXCLUDED.customer_id', [conversationId, customerId]);
    },
    async personalChat(who) {
      const rows = await sql.query<{ address: ConversationAddress }>('SELECT address FROM personal_chats WHERE operator_id = $1', [operatorId(who)]);
      return rows[0]?.address;
    },
    async savePersonalChat(who, address) {
      await sql.query(
        'INSERT INTO personal_chats (operator_id, tenant_id, aad_object_id, address) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (operator_id) DO UPDATE SET address = EXCLUDED.address',
        [operatorId(who), who.tenantId, who.aadObjectId, json(address)],
      );
    },
    async forgetPersonalChat(who) {
      await sql.query('DELETE FROM personal_chats WHERE operator_id = $1', [operatorId(who)]);
    },
    async personalChats() {
      const rows = await sql.query<{ tenant_id: string; aad_object_id: string; address: ConversationAddress }>('SELECT tenant_id, aad_object_id, address FROM personal_chats ORDER BY operator_id');
      return rows.map((r) => ({ who: { tenantId: r.tenant_id, aadObjectId: r.aad_object_id }, address: r.address }));
    },
    async approvalChannels() {
      return channels(await sql.query("SELECT doc FROM approval_channels ORDER BY customer_key = '*', customer_key"));
    },
    async setApprovalChannel(channel) {
      const c = approvalChannelSchema.parse(channel);
      await sql.query(
        'INSERT INTO approval_channels (customer_key, conversation_id, doc) VALUES ($1, $2, $3::jsonb) ON CONFLICT (customer_key) DO UPDATE SET conversation_id = EXCLUDED.conversation_id, doc = EXCLUDED.doc',
        [customerKey(c.customerId), c.conversationId, json(c)],
      );
    },
    async removeApprovalChannel(conversationId, customerId) {
      const rows =
        customerId === undefined
          ? await sql.query<{ doc: unknown }>('DELETE FROM approval_channels WHERE conversation_id = $1 RETURNING doc', [conversationId])
          : await sql.query<{ doc: unknown }>('DELETE FROM approval_channels WHERE conversation_id = $1 AND customer_key = $2 RETURNING doc', [conversationId, customerKey(customerId)]);
      return channels(rows);
    },
  };
}
