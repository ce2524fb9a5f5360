// A small deterministic demo set: buildings on real Samara streets, fictional management
// organisations, and a day's worth of appeals. The address-register issue grows it into the full
// Samara register with a heating season of appeals.
import type { AppealStatus, Category, Channel } from '../../../shared/domain/appeal-vocabulary.js';
import { resolutionDeadline } from '../../../shared/domain/deadlines.js';
import { provisionalNumber } from '../../../shared/domain/registration-number.js';
import { samaraYear } from '../../../shared/domain/samara-time.js';
import type { NewAppeal } from '../repositories/appeals.js';
import type { BuildingRecord, OrganisationRecord } from '../repositories/buildings.js';
import { Random, WeightedPicker } from './random.js';
import { SAMARA_STREETS } from './samara-streets.js';

export interface DemoData {
  readonly organisations: OrganisationRecord[];
  readonly buildings: BuildingRecord[];
  readonly appeals: NewAppeal[];
}

const ORG_WORDS = ['Волга', 'Жигули', 'Самарский дом', 'Уют', 'Комфорт', 'Заря', 'Надёжный дом', 'Берег', 'Союз', 'Родник'];
const FIRST_NAMES = {
  male: ['Иван', 'Сергей', 'Николай', 'Дмитрий', 'Алексей', 'Пётр'],
  female: ['Анна', 'Мария', 'Ольга', 'Татьяна', 'Елена', 'Наталья'],
};
const LAST_NAMES = ['Иванов', 'Петров', 'Смирнов', 'Кузнецов', 'Соколов', 'Попов', 'Лебедев', 'Козлов', 'Новиков', 'Морозов'];
const LETTERS = ['', '', '', '', 'А', 'Б', 'В'];
const DESCRIPTIONS: Record<Category, string> = {
  no_heating: 'В квартире нет отопления, батареи холодные',
  low_temperature: 'Температура в квартире ниже нормы, около +16 °C',
  heating_leak: 'Течь радиатора отопления в комнате',
  air_lock: 'Завоздушены батареи на верхнем этаже',
  noise: 'Шум и стук в трубах отопления',
  other: 'Прошу проверить работу отопления в подъезде',
};

function residentName(random: Random): string {
  const female = random.next() < 0.6;
  const last = random.pick(LAST_NAMES);
  return female ? `${last}а ${random.pick(FIRST_NAMES.female)}` : `${last} ${random.pick(FIRST_NAMES.male)}`;
}

const CATEGORY_MIX = WeightedPicker.of<Category>({
  low_temperature: 45,
  no_heating: 20,
  air_lock: 15,
  heating_leak: 8,
  noise: 5,
  other: 7,
});
const CHANNEL_MIX = WeightedPicker.of<Channel>({
  district_hotline: 50,
  department_hotline: 20,
  social_media: 15,
  pos: 8,
  email: 4,
  in_person: 3,
});
const STATUS_MIX = new WeightedPicker<AppealStatus>(['registered', 'transferred', 'in_progress', 'closed'], [30, 25, 20, 25]);

/** Code of the demo workstation used in demo registration numbers. */
const DEMO_CODE = 'DEMA';

export function createDemoData(seed: number, nowMs: number, options: { housesPerStreet?: number; appeals?: number } = {}): DemoData {
  const random = new Random(seed);
  const housesPerStreet = options.housesPerStreet ?? 4;
  const appealCount = options.appeals ?? 120;

  const organisations: OrganisationRecord[] = ORG_WORDS.flatMap((word, i) => [
    {
      id: `org-uk-${i + 1}`,
      kind: 'uk' as const,
      name: `ООО «УК ${word}» (демо)`,
      phone: `8 (846) 200-${String(10 + i).padStart(2, '0')}-00`,
      dispatcherPhone: `8 (846) 300-${String(10 + i).padStart(2, '0')}-11`,
    },
    { id: `org-tszh-${i + 1}`, kind: 'tszh' as const, name: `ТСЖ «${word}-${i + 1}» (демо)` },
  ]);

  const buildings: BuildingRecord[] = [];
  SAMARA_STREETS.forEach((street, s) => {
    const used = new Set<string>();
    for (let h = 0; h < housesPerStreet; h++) {
      const house = `${random.int(1, 180)}${random.pick(LETTERS)}`;
      if (used.has(house)) continue;
      used.add(house);
      buildings.push({
        id: `demo-b-${s + 1}-${h + 1}`,
        district: street.district,
        address: `${street.type} ${street.name}, д. ${house}`,
        managementOrgId: random.pick(organisations).id,
      });
    }
  });

  const appeals: NewAppeal[] = [];
  for (let i = 0; i < appealCount; i++) {
    const building = random.pick(buildings);
    const category = CATEGORY_MIX.pick(random);
    const channel = CHANNEL_MIX.pick(random);
    const receivedAt = nowMs - random.int(5, 36 * 60) * 60_000;
    const status = STATUS_MIX.pick(random);
    appeals.push({
      id: `demo-a-${i + 1}`,
      number: provisionalNumber(samaraYear(receivedAt), DEMO_CODE, i + 1),
      buildingId: building.id,
      district: building.district,
      flat: String(random.int(1, 120)),
      applicantName: residentName(random),
      applicantPhone: `8927${String(random.int(1_000_000, 9_999_999))}`,
      channel,
      category,
      description: DESCRIPTIONS[category],
      status,
      executorOrgId: status === 'registered' ? null : (building.managementOrgId ?? null),
      receivedAt,
      registeredAt: receivedAt + 60_000,
      registeredBy: 'Демо-оператор',
      deadlineAt: resolutionDeadline(receivedAt, category),
    });
  }
  return { organisations, buildings, appeals };
}
