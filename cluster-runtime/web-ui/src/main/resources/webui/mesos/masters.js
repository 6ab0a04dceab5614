// The masters: the leader (this page) and the standbys, from /master/masters (every master contending in the
// election, leader first). A master without that endpoint still names its leader in /master/state.
import {h, link, section} from '../common/dom.js';
import {table} from '../common/table.js';
import {leaderAddress} from './cluster.js';

const address = m => `${m.hostname || (m.address || {}).hostname || (m.address || {}).ip}:${m.port}`;

export function mastersSection(state, masters) {
  const leader = link(`//${leaderAddress(state)}/`, leaderAddress(state), {id: 'leader'});
  if (!masters) {
    return section('Masters', 'masters', h('p', {}, 'Leader: ', leader, ' (this page).'));
  }
  const standbys = masters.masters.filter(m => !m.leading);
  return section('Masters', 'masters',
    h('p', {}, 'Leader: ', leader, ' (this page). ', standbys.length
      ? `${standbys.length} standby master${standbys.length === 1 ? '' : 's'}, in the order they would take over:`
      : 'No standby master: if this one stops, none takes over.'),
    standbys.length ? table({
      id: 'standbys', caption: 'Standby masters', empty: '', rows: standbys, rowKey: m => m.id,
      columns: [
        // a standby's own page sends the browser back here: its address is what matters
        {title: 'Standby', cell: m => h('span', {class: 'mono'}, address(m))},
        {title: 'Id', cell: m => h('span', {class: 'mono'}, m.id)},
        {title: 'Version', cell: m => m.version || '–'},
      ],
    }) : null);
}
