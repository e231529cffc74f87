/** An Adaptive Card as sent to Teams: the cards module renders them, the messaging port carries them. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: string;
  [key: string]: unknown;
}
