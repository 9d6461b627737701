"""Hand-written name lists for the PII benchmark, grouped by culture.

Written by hand for this benchmark and deliberately NOT taken from Faker (or any other generator's) lists, so a
redactor that uses such a list as a gazetteer is not tested on its own vocabulary. Names that appear in the
company's customer directory (knowledge/customers.jsonl) are filtered out at generation time, so "names not in the
directory" really are unknown to a directory-aware redactor.
"""

from __future__ import annotations

FIRST_NAMES: dict[str, list[str]] = {
    "en": [
        "Ashley", "Brandon", "Caitlin", "Derek", "Heather", "Jared", "Kayla", "Logan", "Megan", "Tyler",
        "Brooke", "Cody", "Dustin", "Whitney", "Travis", "Courtney", "Garrett", "Lindsey", "Shane", "Tessa",
    ],
    "gb": [
        "Alfie", "Callum", "Eilidh", "Fergus", "Gemma", "Hamish", "Imogen", "Kieran", "Ciara", "Niall",
        "Aoife", "Ruairí", "Saoirse", "Declan", "Orla", "Rhys", "Cerys", "Gareth", "Bronwen", "Dafydd",
    ],
    "de": [
        "Annika", "Bastian", "Dörte", "Florian", "Gesine", "Henrik", "Jannik", "Katrin", "Maximilian", "Nele",
        "Sven", "Ulrike", "Wiebke", "Jürgen", "Friederike", "Moritz",
    ],
    "fr": [
        "Amélie", "Baptiste", "Clémence", "Étienne", "Gaëlle", "Jean-Luc", "Léa", "Mathis", "Noémie", "Quentin",
        "Solène", "Yannick", "Anaïs", "Marie-Claire", "Thibault", "Héloïse",
    ],
    "es": [
        "Alejandro", "Begoña", "Carmen", "Encarnación", "Gonzalo", "Itziar", "Javier", "Marisol", "Nerea", "Rocío",
        "Santiago", "Ximena", "Iñaki", "José María", "Pilar", "Inmaculada",
    ],
    "br": [
        "Adriana", "Bruno", "Conceição", "Fernanda", "Gustavo", "Joaquim", "Luana", "Thiago", "Vinícius", "Yara",
        "Raimundo", "Letícia",
    ],
    "in": [
        "Aditya", "Bhavna", "Deepika", "Gaurav", "Harpreet", "Ishaan", "Kavya", "Lakshmi", "Nikhil", "Pooja",
        "Rohit", "Sanjana", "Tanvi", "Venkatesh", "Yash", "Aarav", "Divya", "Karthik", "Meenakshi", "Suresh",
    ],
    "jp": [
        "Akira", "Chihiro", "Daichi", "Emiko", "Haruka", "Hiroshi", "Kaito", "Kenji", "Misaki", "Naoko",
        "Ren", "Sakura", "Takumi", "Yui", "Shota",
    ],
    "cn": ["Xiaoming", "Jing", "Li Na", "Hao", "Yan", "Zhiwei", "Xin", "Mingyu", "Fang", "Wei"],
    "kr": ["Ji-hoon", "Min-seo", "Seo-yeon", "Hyun-woo", "Eun-ji", "Do-yun"],
    "vn": ["Minh", "Thanh", "Linh", "Quang", "Phuong"],
    "af": [
        "Chinedu", "Ngozi", "Oluwaseun", "Emeka", "Folake", "Adaeze", "Tunde", "Yaw", "Akosua", "Wanjiru",
        "Baraka", "Zawadi",
    ],
    "ar": ["Youssef", "Nour", "Khalid", "Rania", "Tariq", "Samira", "Hamza", "Layla", "Mariam", "Bilal"],
    "tr": ["Emre", "Elif", "Burak", "Zeynep", "Mehmet"],
    "pl": [
        "Agnieszka", "Bartosz", "Dariusz", "Katarzyna", "Małgorzata", "Piotr", "Zbigniew", "Svetlana", "Dmitri",
        "Anastasia",
    ],
    "nl": ["Bjørn", "Sigrid", "Astrid", "Lars", "Maarten", "Femke", "Sanne", "Joost"],
    "it": ["Giovanni", "Francesca", "Lorenzo", "Giulia", "Alessandro", "Dimitris", "Eleni", "Nikos"],
    "au": ["Lachlan", "Matilda", "Kirra", "Jarrah", "Tane", "Mere", "Wiremu"],
}  # fmt: skip

LAST_NAMES: dict[str, list[str]] = {
    "en": [
        "Whitfield", "Thornbury", "Ashworth", "Pemberton", "Blackwood", "Hargreaves", "Fairbanks", "Kettering",
        "Holloway", "Lockhart", "Mayfield", "Radcliffe", "Sutherland", "Winslow", "Underwood", "Caldwell",
        "Prescott", "Bramley",
    ],
    "gb": [
        "O'Sullivan", "O'Brien", "McAllister", "MacLeod", "Ní Bhriain", "Fitzgerald", "Donnelly", "Quinlan",
        "McGarry", "Ó Súilleabháin", "Llewellyn", "Pryce-Jones",
    ],
    "de": [
        "Baumgartner", "Eichhorn", "Fuchs", "Grünewald", "Kessler", "Lindemann", "Möller", "Oberhauser", "Pfeiffer",
        "Reinholz", "Schwarzkopf", "Vogt", "Zimmermann", "Krüger", "von Arnim",
    ],
    "fr": [
        "Beaumont", "Chevalier", "Delacroix", "Fontaine", "Girard", "Lefèvre", "Marchand", "Rousseau", "Vasseur",
        "Duval", "Lemaire", "Saint-Clair", "Aubert",
    ],
    "es": [
        "Castillo", "Domínguez", "Echeverría", "Fuentes", "Gutiérrez", "Herrera", "Iglesias", "Jiménez", "Navarro",
        "Ortega", "Quintero", "Salazar", "Vázquez", "de la Cruz", "Ibáñez",
    ],
    "br": [
        "Albuquerque", "Barbosa", "Carvalho", "Figueiredo", "Gonçalves", "Magalhães", "Nascimento", "Oliveira",
        "Ribeiro", "Sousa",
    ],
    "in": [
        "Bhattacharya", "Chatterjee", "Deshpande", "Gupta", "Iyer", "Joshi", "Kulkarni", "Malhotra", "Narayanan",
        "Pillai", "Reddy", "Sharma", "Srinivasan", "Venkataraman", "Banerjee", "Chaudhary", "Rao", "Menon",
        "Agarwal", "Dhillon",
    ],
    "jp": [
        "Fujimoto", "Hayashi", "Inoue", "Kobayashi", "Matsumoto", "Nakamura", "Ogawa", "Shimizu", "Takahashi",
        "Yamaguchi", "Watanabe",
    ],
    "cn": ["Chen", "Huang", "Liu", "Wang", "Zhang", "Xu", "Guo", "Lam"],
    "kr": ["Choi", "Jeong", "Kang", "Yoon", "Han"],
    "vn": ["Tran", "Pham", "Hoang", "Vu", "Dang"],
    "af": [
        "Adebayo", "Chukwu", "Eze", "Nwosu", "Okonkwo", "Oyelaran", "Boateng", "Owusu", "Kamau", "Otieno", "Mutua",
        "Achieng",
    ],
    "ar": ["Al-Farsi", "El-Amin", "Haddadin", "Mansour", "Nasser", "Qureshi", "Saleh", "Khoury", "Rahimi", "Abdullah"],
    "tr": ["Yılmaz", "Demir", "Kaya", "Şahin", "Öztürk"],
    "pl": ["Kowalczyk", "Zieliński", "Nowak", "Lewandowska", "Dąbrowski", "Ivanova", "Sokolov", "Novák", "Horvat"],
    "nl": ["Andersson", "Johansen", "Bakker", "van der Berg", "de Vries", "Jansen", "Visser", "Halvorsen", "Nieminen"],
    "it": ["Esposito", "Ferraro", "Colombo", "Ricci", "Romano", "Papadopoulos", "Georgiou", "Konstantinou"],
    "au": ["Whitely", "Karaitiana", "Tipene", "Bancroft", "Goodwin"],
}  # fmt: skip

# Which name cultures are most likely for a message in each locale (the rest are drawn from all cultures).
LOCALE_CULTURES: dict[str, list[str]] = {
    "US": ["en", "es", "cn", "kr", "vn", "af", "in"],
    "UK": ["gb", "en", "in", "pl", "af", "ar"],
    "DE": ["de", "tr", "pl", "nl"],
    "FR": ["fr", "ar", "af", "it"],
    "ES": ["es", "br", "ar"],
    "IN": ["in"],
    "JP": ["jp", "cn", "kr"],
    "AU": ["au", "en", "gb", "cn", "vn"],
    "BR": ["br", "it", "jp", "es"],
}
