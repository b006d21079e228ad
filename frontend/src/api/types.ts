/** Shapes of the llm_server contract (docs/api.md) that the widget reads. */

export interface Product {
  sku: string;
  name: string;
  price: number;
  category?: string[];
  description?: string;
  stock?: Record<string, number>;
  sizes?: string[];
  image?: string[];
  status?: string;
  url?: string;
  score?: number;
}

export interface Faq {
  id: string;
  question: string;
  answer: string;
  category?: string;
  score?: number;
}

export interface ChatMeta {
  session_id: string;
  products: Product[];
  faq: Faq[];
  suggestions: string[];
  off_topic?: boolean;
  answer_mode?: string;
  notes?: string[];
  filters?: Record<string, unknown>;
}

export interface ChatDone {
  session_id?: string;
  timings?: Record<string, number>;
}

export interface AudioClip {
  index: number;
  text: string;
  wav_base64: string;
}

export interface StoredMessage {
  role: 'user' | 'assistant';
  content: string;
}
