import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { AdaptiveCard } from '../cards/card-template.js';

export const cardActivity = (card: AdaptiveCard): Partial<Activity> => MessageFactory.attachment(CardFactory.adaptiveCard(card));
