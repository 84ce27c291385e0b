import { pick, sample, type Rng } from './random';

/** Invented prefecture-level cities: plausible, and none of them a real city's figures. */
export const CITY_NAMES = [
  '云川市',
  '临江市',
  '安平市',
  '嘉禾市',
  '清源市',
  '望海市',
  '丰源市',
  '宁远市',
  '石城市',
  '凤岭市',
  '金沙市',
  '青溪市',
  '龙泉市',
  '桃源市',
  '白河市',
  '永宁市',
  '兴安市',
  '长丰市',
  '玉山市',
  '湖川市',
] as const;

const PLACE_FIRST = [...'东西南北新永安宁平丰兴长清临青白金玉龙凤桃石河湖山云松柏泰和福寿德仁华明'];
const PLACE_SECOND = [...'阳城山江川源丰平安宁和乐兴泉水林州陵口岗坪塘湾溪桥庄集'];

/** `count` distinct two-character place names (the stem of a county, district, town or park). */
export function distinctPlaceStems(rng: Rng, count: number, avoid: ReadonlySet<string> = new Set()): string[] {
  const seen = new Set<string>(avoid);
  const stems: string[] = [];
  while (stems.length < count) {
    const first = pick(rng, PLACE_FIRST);
    const second = pick(rng, PLACE_SECOND);
    const stem = first + second;
    if (first === second || seen.has(stem)) continue;
    seen.add(stem);
    stems.push(stem);
  }
  return stems;
}

const RIVERS = ['清水河', '白龙江', '沙河', '汾河', '青弋江', '乌江', '柳河', '滁河', '浍河', '洪河', '涡河', '潦河', '沱江', '金溪'];

/** Rivers for 流域 (river basin) projects. */
export function riverNames(rng: Rng, count: number): string[] {
  return sample(rng, RIVERS, count);
}

/** The city name without its 市 suffix, for 市-prefixed department names. */
export function cityStem(cityName: string): string {
  return cityName.endsWith('市') || cityName.endsWith('县') ? cityName.slice(0, -1) : cityName;
}
