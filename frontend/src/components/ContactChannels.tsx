import type { ContactChannel } from '../shop/types';

/** `tel:` for a phone number, `mailto:` for a plain address; anything else stays text. */
export function contactHref(channel: ContactChannel): string | undefined {
  if (channel.kind === 'phone') {
    const dial = channel.value.replace(/[^\d+]/g, '');
    return dial.length >= 3 ? `tel:${dial}` : undefined;
  }
  if (channel.kind === 'email' && /^[^\s@:/]+@[^\s@:/]+\.[^\s@:/]+$/.test(channel.value)) return `mailto:${channel.value}`;
  return undefined;
}

/** How to reach a person (meta.contacts of a handoff turn): tap to call or write. */
export function ContactChannels({ contacts }: { contacts: ContactChannel[] }) {
  return (
    <section className="bsw-contacts" data-testid="contact-channels" aria-label="상담원 연락처">
      <div className="bsw-contacts__title">바로 연락하실 수 있는 곳</div>
      <ul className="bsw-contacts__list">
        {contacts.map((channel) => {
          const href = contactHref(channel);
          return (
            <li key={`${channel.kind}:${channel.value}`} data-testid="contact" data-kind={channel.kind}>
              <span className="bsw-contacts__label">{channel.label}</span>
              {href ? <a href={href}>{channel.value}</a> : <span>{channel.value}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
